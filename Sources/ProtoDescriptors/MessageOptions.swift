// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// Message-level options; `mapEntry` marks the synthetic entry type of a map field.
public struct Google_Protobuf_MessageOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.MessageOptions"

    /// `message_set_wire_format` (field 1).
    public var messageSetWireFormat: Bool?
    /// `no_standard_descriptor_accessor` (field 2).
    public var noStandardDescriptorAccessor: Bool?
    /// `deprecated` (field 3).
    public var deprecated: Bool?
    /// `map_entry` (field 7).
    public var mapEntry: Bool?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let messageSetWireFormat { size += WireSize.field(ProtoBool.self, messageSetWireFormat, field: 1) }
        if let noStandardDescriptorAccessor {
            size += WireSize.field(ProtoBool.self, noStandardDescriptorAccessor, field: 2)
        }
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 3) }
        if let mapEntry { size += WireSize.field(ProtoBool.self, mapEntry, field: 7) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let messageSetWireFormat { writer.writeField(ProtoBool.self, messageSetWireFormat, field: 1) }
        if let noStandardDescriptorAccessor {
            writer.writeField(ProtoBool.self, noStandardDescriptorAccessor, field: 2)
        }
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 3) }
        if let mapEntry { writer.writeField(ProtoBool.self, mapEntry, field: 7) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: messageSetWireFormat = try reader.read(ProtoBool.self)
            case 2 where tag.wireType == .varint: noStandardDescriptorAccessor = try reader.read(ProtoBool.self)
            case 3 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 7 where tag.wireType == .varint: mapEntry = try reader.read(ProtoBool.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// Options on a oneof.
public struct Google_Protobuf_OneofOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.OneofOptions"

    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// Enum-level options; `allowAlias` lets two names share a number.
public struct Google_Protobuf_EnumOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.EnumOptions"

    /// `allow_alias` (field 2).
    public var allowAlias: Bool?
    /// `deprecated` (field 3).
    public var deprecated: Bool?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let allowAlias { size += WireSize.field(ProtoBool.self, allowAlias, field: 2) }
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 3) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let allowAlias { writer.writeField(ProtoBool.self, allowAlias, field: 2) }
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 3) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 2 where tag.wireType == .varint: allowAlias = try reader.read(ProtoBool.self)
            case 3 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// Options on an enum value.
public struct Google_Protobuf_EnumValueOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.EnumValueOptions"

    /// `deprecated` (field 1).
    public var deprecated: Bool?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 1) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 1) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// Service-level options.
public struct Google_Protobuf_ServiceOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.ServiceOptions"

    /// `deprecated` (field 33).
    public var deprecated: Bool?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 33) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 33) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 33 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

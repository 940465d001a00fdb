// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// A message type: its fields, nested types, oneofs, ranges and options.
public struct Google_Protobuf_DescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.DescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `field` (field 2).
    public var field: [Google_Protobuf_FieldDescriptorProto] = []
    /// `extension` (field 6).
    public var `extension`: [Google_Protobuf_FieldDescriptorProto] = []
    /// `nested_type` (field 3).
    public var nestedType: [Google_Protobuf_DescriptorProto] = []
    /// `enum_type` (field 4).
    public var enumType: [Google_Protobuf_EnumDescriptorProto] = []
    /// `extension_range` (field 5).
    public var extensionRange: [Google_Protobuf_DescriptorProto.ExtensionRange] = []
    /// `oneof_decl` (field 8).
    public var oneofDecl: [Google_Protobuf_OneofDescriptorProto] = []
    /// `options` (field 7).
    public var options: Google_Protobuf_MessageOptions?
    /// `reserved_range` (field 9).
    public var reservedRange: [Google_Protobuf_DescriptorProto.ReservedRange] = []
    /// `reserved_name` (field 10).
    public var reservedName: [String] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, field, field: 2)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, nestedType, field: 3)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, enumType, field: 4)
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_DescriptorProto.ExtensionRange>.self, extensionRange, field: 5)
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, `extension`, field: 6)
        if let options { size += WireSize.message(options, field: 7) }
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_OneofDescriptorProto>.self, oneofDecl, field: 8)
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_DescriptorProto.ReservedRange>.self, reservedRange, field: 9)
        size += WireSize.repeated(ProtoString.self, reservedName, field: 10)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, field, field: 2)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, nestedType, field: 3)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, enumType, field: 4)
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_DescriptorProto.ExtensionRange>.self, extensionRange, field: 5)
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, `extension`, field: 6)
        if let options { writer.writeMessage(options, field: 7) }
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_OneofDescriptorProto>.self, oneofDecl, field: 8)
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_DescriptorProto.ReservedRange>.self, reservedRange, field: 9)
        writer.writeRepeated(ProtoString.self, reservedName, field: 10)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &field,
                    orKeepIn: &unknownFields)
            case 3:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_DescriptorProto>.self, tag, into: &nestedType,
                    orKeepIn: &unknownFields)
            case 4:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto>.self, tag, into: &enumType,
                    orKeepIn: &unknownFields)
            case 5:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_DescriptorProto.ExtensionRange>.self, tag, into: &extensionRange,
                    orKeepIn: &unknownFields)
            case 6:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &`extension`,
                    orKeepIn: &unknownFields)
            case 7 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            case 8:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_OneofDescriptorProto>.self, tag, into: &oneofDecl,
                    orKeepIn: &unknownFields)
            case 9:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_DescriptorProto.ReservedRange>.self, tag, into: &reservedRange,
                    orKeepIn: &unknownFields)
            case 10: try reader.readRepeated(ProtoString.self, tag, into: &reservedName, orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_DescriptorProto {
    /// A range of field numbers the message leaves to extensions (end exclusive).
    public struct ExtensionRange: Message {
        /// The fully qualified protobuf name of this message.
        public static let protoMessageName = "google.protobuf.DescriptorProto.ExtensionRange"

        /// `start` (field 1).
        public var start: Int32?
        /// `end` (field 2).
        public var end: Int32?
        /// `options` (field 3).
        public var options: Google_Protobuf_ExtensionRangeOptions?
        /// Fields this schema does not know (custom options among them), kept for re-encoding.
        public var unknownFields = UnknownFields()

        /// Creates a message with every field unset.
        public init() {}

        /// The exact number of bytes `encode(to:)` writes.
        public func encodedSize() -> Int {
            var size = 0
            if let start { size += WireSize.field(ProtoInt32.self, start, field: 1) }
            if let end { size += WireSize.field(ProtoInt32.self, end, field: 2) }
            if let options { size += WireSize.message(options, field: 3) }
            return size + unknownFields.encodedSize
        }

        /// Writes the set fields in field-number order, then the unknown fields.
        public func encode(to writer: inout WireWriter) {
            if let start { writer.writeField(ProtoInt32.self, start, field: 1) }
            if let end { writer.writeField(ProtoInt32.self, end, field: 2) }
            if let options { writer.writeMessage(options, field: 3) }
            unknownFields.encode(to: &writer)
        }

        /// Merges the fields read from `reader` into this message.
        public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == .varint: start = try reader.read(ProtoInt32.self)
                case 2 where tag.wireType == .varint: end = try reader.read(ProtoInt32.self)
                case 3 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }
}

extension Google_Protobuf_DescriptorProto {
    /// A range of field numbers the message reserves (end exclusive).
    public struct ReservedRange: Message {
        /// The fully qualified protobuf name of this message.
        public static let protoMessageName = "google.protobuf.DescriptorProto.ReservedRange"

        /// `start` (field 1).
        public var start: Int32?
        /// `end` (field 2).
        public var end: Int32?
        /// Fields this schema does not know (custom options among them), kept for re-encoding.
        public var unknownFields = UnknownFields()

        /// Creates a message with every field unset.
        public init() {}

        /// The exact number of bytes `encode(to:)` writes.
        public func encodedSize() -> Int {
            var size = 0
            if let start { size += WireSize.field(ProtoInt32.self, start, field: 1) }
            if let end { size += WireSize.field(ProtoInt32.self, end, field: 2) }
            return size + unknownFields.encodedSize
        }

        /// Writes the set fields in field-number order, then the unknown fields.
        public func encode(to writer: inout WireWriter) {
            if let start { writer.writeField(ProtoInt32.self, start, field: 1) }
            if let end { writer.writeField(ProtoInt32.self, end, field: 2) }
            unknownFields.encode(to: &writer)
        }

        /// Merges the fields read from `reader` into this message.
        public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == .varint: start = try reader.read(ProtoInt32.self)
                case 2 where tag.wireType == .varint: end = try reader.read(ProtoInt32.self)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }
}

/// Options on an extension range.
public struct Google_Protobuf_ExtensionRangeOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.ExtensionRangeOptions"

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

/// A oneof of a message; its fields point at it by `oneofIndex`.
public struct Google_Protobuf_OneofDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.OneofDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `options` (field 2).
    public var options: Google_Protobuf_OneofOptions?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        if let options { size += WireSize.message(options, field: 2) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        if let options { writer.writeMessage(options, field: 2) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

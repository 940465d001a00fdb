// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// An enum type: its values, reserved ranges and names, and options.
public struct Google_Protobuf_EnumDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.EnumDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `value` (field 2).
    public var value: [Google_Protobuf_EnumValueDescriptorProto] = []
    /// `options` (field 3).
    public var options: Google_Protobuf_EnumOptions?
    /// `reserved_range` (field 4).
    public var reservedRange: [Google_Protobuf_EnumDescriptorProto.EnumReservedRange] = []
    /// `reserved_name` (field 5).
    public var reservedName: [String] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        size += WireSize.repeated(ProtoMessageCodec<Google_Protobuf_EnumValueDescriptorProto>.self, value, field: 2)
        if let options { size += WireSize.message(options, field: 3) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto.EnumReservedRange>.self, reservedRange, field: 4)
        size += WireSize.repeated(ProtoString.self, reservedName, field: 5)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        writer.writeRepeated(ProtoMessageCodec<Google_Protobuf_EnumValueDescriptorProto>.self, value, field: 2)
        if let options { writer.writeMessage(options, field: 3) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto.EnumReservedRange>.self, reservedRange, field: 4)
        writer.writeRepeated(ProtoString.self, reservedName, field: 5)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_EnumValueDescriptorProto>.self, tag, into: &value,
                    orKeepIn: &unknownFields)
            case 3 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            case 4:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_EnumDescriptorProto.EnumReservedRange>.self, tag,
                    into: &reservedRange, orKeepIn: &unknownFields)
            case 5: try reader.readRepeated(ProtoString.self, tag, into: &reservedName, orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_EnumDescriptorProto {
    /// A range of enum numbers the enum reserves (end inclusive).
    public struct EnumReservedRange: Message {
        /// The fully qualified protobuf name of this message.
        public static let protoMessageName = "google.protobuf.EnumDescriptorProto.EnumReservedRange"

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

/// One named value of an enum.
public struct Google_Protobuf_EnumValueDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.EnumValueDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `number` (field 2).
    public var number: Int32?
    /// `options` (field 3).
    public var options: Google_Protobuf_EnumValueOptions?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        if let number { size += WireSize.field(ProtoInt32.self, number, field: 2) }
        if let options { size += WireSize.message(options, field: 3) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        if let number { writer.writeField(ProtoInt32.self, number, field: 2) }
        if let options { writer.writeMessage(options, field: 3) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .varint: number = try reader.read(ProtoInt32.self)
            case 3 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// A field of a message, or an extension: number, label, type and options.
public struct Google_Protobuf_FieldDescriptorProto: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.FieldDescriptorProto"

    /// `name` (field 1).
    public var name: String?
    /// `number` (field 3).
    public var number: Int32?
    /// `label` (field 4).
    public var label: Google_Protobuf_FieldDescriptorProto.Label?
    /// `type` (field 5).
    public var type: Google_Protobuf_FieldDescriptorProto.TypeEnum?
    /// `type_name` (field 6).
    public var typeName: String?
    /// `extendee` (field 2).
    public var extendee: String?
    /// `default_value` (field 7).
    public var defaultValue: String?
    /// `oneof_index` (field 9).
    public var oneofIndex: Int32?
    /// `json_name` (field 10).
    public var jsonName: String?
    /// `options` (field 8).
    public var options: Google_Protobuf_FieldOptions?
    /// `proto3_optional` (field 17).
    public var proto3Optional: Bool?
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let name { size += WireSize.field(ProtoString.self, name, field: 1) }
        if let extendee { size += WireSize.field(ProtoString.self, extendee, field: 2) }
        if let number { size += WireSize.field(ProtoInt32.self, number, field: 3) }
        if let label {
            size += WireSize.field(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.Label>.self, label, field: 4)
        }
        if let type {
            size += WireSize.field(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.TypeEnum>.self, type, field: 5)
        }
        if let typeName { size += WireSize.field(ProtoString.self, typeName, field: 6) }
        if let defaultValue { size += WireSize.field(ProtoString.self, defaultValue, field: 7) }
        if let options { size += WireSize.message(options, field: 8) }
        if let oneofIndex { size += WireSize.field(ProtoInt32.self, oneofIndex, field: 9) }
        if let jsonName { size += WireSize.field(ProtoString.self, jsonName, field: 10) }
        if let proto3Optional { size += WireSize.field(ProtoBool.self, proto3Optional, field: 17) }
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeField(ProtoString.self, name, field: 1) }
        if let extendee { writer.writeField(ProtoString.self, extendee, field: 2) }
        if let number { writer.writeField(ProtoInt32.self, number, field: 3) }
        if let label {
            writer.writeField(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.Label>.self, label, field: 4)
        }
        if let type {
            writer.writeField(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.TypeEnum>.self, type, field: 5)
        }
        if let typeName { writer.writeField(ProtoString.self, typeName, field: 6) }
        if let defaultValue { writer.writeField(ProtoString.self, defaultValue, field: 7) }
        if let options { writer.writeMessage(options, field: 8) }
        if let oneofIndex { writer.writeField(ProtoInt32.self, oneofIndex, field: 9) }
        if let jsonName { writer.writeField(ProtoString.self, jsonName, field: 10) }
        if let proto3Optional { writer.writeField(ProtoBool.self, proto3Optional, field: 17) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .lengthDelimited: extendee = try reader.read(ProtoString.self)
            case 3 where tag.wireType == .varint: number = try reader.read(ProtoInt32.self)
            case 4 where tag.wireType == .varint:
                label = try reader.read(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.Label>.self)
            case 5 where tag.wireType == .varint:
                type = try reader.read(ProtoEnumCodec<Google_Protobuf_FieldDescriptorProto.TypeEnum>.self)
            case 6 where tag.wireType == .lengthDelimited: typeName = try reader.read(ProtoString.self)
            case 7 where tag.wireType == .lengthDelimited: defaultValue = try reader.read(ProtoString.self)
            case 8 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &options)
            case 9 where tag.wireType == .varint: oneofIndex = try reader.read(ProtoInt32.self)
            case 10 where tag.wireType == .lengthDelimited: jsonName = try reader.read(ProtoString.self)
            case 17 where tag.wireType == .varint: proto3Optional = try reader.read(ProtoBool.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_FieldDescriptorProto {
    /// The declared type of a field.
    public enum TypeEnum: ProtoEnum {
        /// `TYPE_DOUBLE` = 1.
        case double
        /// `TYPE_FLOAT` = 2.
        case float
        /// `TYPE_INT64` = 3.
        case int64
        /// `TYPE_UINT64` = 4.
        case uint64
        /// `TYPE_INT32` = 5.
        case int32
        /// `TYPE_FIXED64` = 6.
        case fixed64
        /// `TYPE_FIXED32` = 7.
        case fixed32
        /// `TYPE_BOOL` = 8.
        case bool
        /// `TYPE_STRING` = 9.
        case string
        /// `TYPE_GROUP` = 10.
        case group
        /// `TYPE_MESSAGE` = 11.
        case message
        /// `TYPE_BYTES` = 12.
        case bytes
        /// `TYPE_UINT32` = 13.
        case uint32
        /// `TYPE_ENUM` = 14.
        case `enum`
        /// `TYPE_SFIXED32` = 15.
        case sfixed32
        /// `TYPE_SFIXED64` = 16.
        case sfixed64
        /// `TYPE_SINT32` = 17.
        case sint32
        /// `TYPE_SINT64` = 18.
        case sint64
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .double }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .double
            case 2: self = .float
            case 3: self = .int64
            case 4: self = .uint64
            case 5: self = .int32
            case 6: self = .fixed64
            case 7: self = .fixed32
            case 8: self = .bool
            case 9: self = .string
            case 10: self = .group
            case 11: self = .message
            case 12: self = .bytes
            case 13: self = .uint32
            case 14: self = .`enum`
            case 15: self = .sfixed32
            case 16: self = .sfixed64
            case 17: self = .sint32
            case 18: self = .sint64
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .double: 1
            case .float: 2
            case .int64: 3
            case .uint64: 4
            case .int32: 5
            case .fixed64: 6
            case .fixed32: 7
            case .bool: 8
            case .string: 9
            case .group: 10
            case .message: 11
            case .bytes: 12
            case .uint32: 13
            case .`enum`: 14
            case .sfixed32: 15
            case .sfixed64: 16
            case .sint32: 17
            case .sint64: 18
            case .unrecognized(let number): number
            }
        }
    }
}

extension Google_Protobuf_FieldDescriptorProto {
    /// Whether a field is optional, required or repeated.
    public enum Label: ProtoEnum {
        /// `LABEL_OPTIONAL` = 1.
        case optional
        /// `LABEL_REQUIRED` = 2.
        case required
        /// `LABEL_REPEATED` = 3.
        case repeated
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .optional }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .optional
            case 2: self = .required
            case 3: self = .repeated
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .optional: 1
            case .required: 2
            case .repeated: 3
            case .unrecognized(let number): number
            }
        }
    }
}

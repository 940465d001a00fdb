// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// Field-level options such as `packed` and `deprecated`.
public struct Google_Protobuf_FieldOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.FieldOptions"

    /// `ctype` (field 1).
    public var ctype: Google_Protobuf_FieldOptions.CType?
    /// `packed` (field 2).
    public var packed: Bool?
    /// `jstype` (field 6).
    public var jstype: Google_Protobuf_FieldOptions.JSType?
    /// `lazy` (field 5).
    public var lazy: Bool?
    /// `unverified_lazy` (field 15).
    public var unverifiedLazy: Bool?
    /// `deprecated` (field 3).
    public var deprecated: Bool?
    /// `weak` (field 10).
    public var weak: Bool?
    /// `uninterpreted_option` (field 999).
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    /// Fields this schema does not know (custom options among them), kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field unset.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = 0
        if let ctype {
            size += WireSize.field(ProtoEnumCodec<Google_Protobuf_FieldOptions.CType>.self, ctype, field: 1)
        }
        if let packed { size += WireSize.field(ProtoBool.self, packed, field: 2) }
        if let deprecated { size += WireSize.field(ProtoBool.self, deprecated, field: 3) }
        if let lazy { size += WireSize.field(ProtoBool.self, lazy, field: 5) }
        if let jstype {
            size += WireSize.field(ProtoEnumCodec<Google_Protobuf_FieldOptions.JSType>.self, jstype, field: 6)
        }
        if let weak { size += WireSize.field(ProtoBool.self, weak, field: 10) }
        if let unverifiedLazy { size += WireSize.field(ProtoBool.self, unverifiedLazy, field: 15) }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let ctype { writer.writeField(ProtoEnumCodec<Google_Protobuf_FieldOptions.CType>.self, ctype, field: 1) }
        if let packed { writer.writeField(ProtoBool.self, packed, field: 2) }
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 3) }
        if let lazy { writer.writeField(ProtoBool.self, lazy, field: 5) }
        if let jstype { writer.writeField(ProtoEnumCodec<Google_Protobuf_FieldOptions.JSType>.self, jstype, field: 6) }
        if let weak { writer.writeField(ProtoBool.self, weak, field: 10) }
        if let unverifiedLazy { writer.writeField(ProtoBool.self, unverifiedLazy, field: 15) }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint:
                ctype = try reader.read(ProtoEnumCodec<Google_Protobuf_FieldOptions.CType>.self)
            case 2 where tag.wireType == .varint: packed = try reader.read(ProtoBool.self)
            case 3 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 5 where tag.wireType == .varint: lazy = try reader.read(ProtoBool.self)
            case 6 where tag.wireType == .varint:
                jstype = try reader.read(ProtoEnumCodec<Google_Protobuf_FieldOptions.JSType>.self)
            case 10 where tag.wireType == .varint: weak = try reader.read(ProtoBool.self)
            case 15 where tag.wireType == .varint: unverifiedLazy = try reader.read(ProtoBool.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_FieldOptions {
    /// The C++ representation of a string field.
    public enum CType: ProtoEnum {
        /// `STRING` = 0.
        case string
        /// `CORD` = 1.
        case cord
        /// `STRING_PIECE` = 2.
        case stringPiece
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .string }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .string
            case 1: self = .cord
            case 2: self = .stringPiece
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .string: 0
            case .cord: 1
            case .stringPiece: 2
            case .unrecognized(let number): number
            }
        }
    }
}

extension Google_Protobuf_FieldOptions {
    /// The JavaScript representation of a 64-bit integer field.
    public enum JSType: ProtoEnum {
        /// `JS_NORMAL` = 0.
        case jsNormal
        /// `JS_STRING` = 1.
        case jsString
        /// `JS_NUMBER` = 2.
        case jsNumber
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .jsNormal }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .jsNormal
            case 1: self = .jsString
            case 2: self = .jsNumber
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .jsNormal: 0
            case .jsString: 1
            case .jsNumber: 2
            case .unrecognized(let number): number
            }
        }
    }
}

// Swift types for google/protobuf/descriptor.proto, in the shape SwiftEmitter generates.

import ProtoCodec

/// Method-level options, such as the idempotency level.
public struct Google_Protobuf_MethodOptions: Message {
    /// The fully qualified protobuf name of this message.
    public static let protoMessageName = "google.protobuf.MethodOptions"

    /// `deprecated` (field 33).
    public var deprecated: Bool?
    /// `idempotency_level` (field 34).
    public var idempotencyLevel: Google_Protobuf_MethodOptions.IdempotencyLevel?
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
        if let idempotencyLevel {
            size += WireSize.field(
                ProtoEnumCodec<Google_Protobuf_MethodOptions.IdempotencyLevel>.self, idempotencyLevel, field: 34)
        }
        size += WireSize.repeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        return size + unknownFields.encodedSize
    }

    /// Writes the set fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        if let deprecated { writer.writeField(ProtoBool.self, deprecated, field: 33) }
        if let idempotencyLevel {
            writer.writeField(
                ProtoEnumCodec<Google_Protobuf_MethodOptions.IdempotencyLevel>.self, idempotencyLevel, field: 34)
        }
        writer.writeRepeated(
            ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, field: 999)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 33 where tag.wireType == .varint: deprecated = try reader.read(ProtoBool.self)
            case 34 where tag.wireType == .varint:
                idempotencyLevel = try reader.read(ProtoEnumCodec<Google_Protobuf_MethodOptions.IdempotencyLevel>.self)
            case 999:
                try reader.readRepeated(
                    ProtoMessageCodec<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption,
                    orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

extension Google_Protobuf_MethodOptions {
    /// Whether a method has side effects, for retries and HTTP GET.
    public enum IdempotencyLevel: ProtoEnum {
        /// `IDEMPOTENCY_UNKNOWN` = 0.
        case idempotencyUnknown
        /// `NO_SIDE_EFFECTS` = 1.
        case noSideEffects
        /// `IDEMPOTENT` = 2.
        case idempotent
        /// A number this schema does not name, kept as read.
        case unrecognized(Int32)

        /// The default: the first declared value.
        public init() { self = .idempotencyUnknown }

        /// Maps a number to its case, `unrecognized` when the schema does not name it.
        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .idempotencyUnknown
            case 1: self = .noSideEffects
            case 2: self = .idempotent
            default: self = .unrecognized(rawValue)
            }
        }

        /// The number written on the wire.
        public var rawValue: Int32 {
            switch self {
            case .idempotencyUnknown: 0
            case .noSideEffects: 1
            case .idempotent: 2
            case .unrecognized(let number): number
            }
        }
    }
}

/// The six wire types of the protobuf encoding, as the low three bits of a tag.
public enum WireType: UInt8, Sendable, Hashable {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case fixed64 = 1
    /// string, bytes, embedded messages, packed repeated fields.
    case lengthDelimited = 2
    /// Start of a proto2 group (deprecated; skipped when decoding).
    case startGroup = 3
    /// End of a proto2 group.
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case fixed32 = 5
}

/// A decoded field key: the field number and the wire type that follows it.
public struct FieldTag: Sendable, Hashable {
    /// The field number, from 1 to `FieldTag.maxFieldNumber`.
    public let fieldNumber: Int
    /// How the field's value is encoded.
    public let wireType: WireType

    /// The largest field number the encoding allows (2^29 - 1).
    public static let maxFieldNumber = (1 << 29) - 1

    /// Creates a tag from its two parts.
    @inlinable
    public init(fieldNumber: Int, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }

    /// The tag as it is written on the wire: `fieldNumber << 3 | wireType`.
    @inlinable
    public var rawValue: UInt64 {
        UInt64(fieldNumber) << 3 | UInt64(wireType.rawValue)
    }
}

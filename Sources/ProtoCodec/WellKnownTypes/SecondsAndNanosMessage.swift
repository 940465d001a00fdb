/// The wire shape shared by `Timestamp` and `Duration`: `int64 seconds = 1; int32 nanos = 2;`.
public protocol SecondsAndNanosMessage: Message {
    /// Whole seconds (field 1).
    var seconds: Int64 { get set }
    /// Nanoseconds added to `seconds` (field 2).
    var nanos: Int32 { get set }
}

extension SecondsAndNanosMessage {
    /// The exact encoded size.
    @inlinable
    public func encodedSize() -> Int {
        WireSize.nonDefault(ProtoInt64.self, seconds, field: 1)
            + WireSize.nonDefault(ProtoInt32.self, nanos, field: 2)
            + unknownFields.encodedSize
    }

    /// Writes `seconds` and `nanos` when non-zero, then the unknown fields.
    @inlinable
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt64.self, seconds, field: 1)
        writer.writeNonDefault(ProtoInt32.self, nanos, field: 2)
        unknownFields.encode(to: &writer)
    }

    /// Merges fields from `reader`; values are kept as sent, not normalised.
    @inlinable
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: seconds = try reader.read(ProtoInt64.self)
            case 2 where tag.wireType == .varint: nanos = try reader.read(ProtoInt32.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

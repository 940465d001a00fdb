import ProtoCodec

// A minimal google.protobuf.Timestamp, because the runtime's well-known types
// (Sources/ProtoCodec/WellKnownTypes, branch `codec`) do not exist yet. Once they are merged,
// delete this file: ScheduleEvent then uses ProtoCodec's `Google_Protobuf_Timestamp` unchanged.

/// `google.protobuf.Timestamp`: seconds and nanoseconds since the Unix epoch.
public struct Google_Protobuf_Timestamp: Message {
    /// The protobuf name of this message.
    public static var protoMessageName: String { "google.protobuf.Timestamp" }
    /// `int64 seconds = 1`.
    public var seconds: Int64 = 0
    /// `int32 nanos = 2`.
    public var nanos: Int32 = 0
    /// Fields this schema does not know, kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates the epoch.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        WireSize.nonDefault(ProtoInt64.self, seconds, field: 1)
            + WireSize.nonDefault(ProtoInt32.self, nanos, field: 2)
            + unknownFields.encodedSize
    }

    /// Writes the non-default fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt64.self, seconds, field: 1)
        writer.writeNonDefault(ProtoInt32.self, nanos, field: 2)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
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

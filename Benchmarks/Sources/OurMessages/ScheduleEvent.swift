import ProtoCodec

// Hand-written in the shape the generator emits; see the note in Payload.swift.

/// `bench.ScheduleEvent`: a change to a schedule, as a service would publish it.
public struct Bench_ScheduleEvent: Message {
    /// The protobuf name of this message.
    public static var protoMessageName: String { "bench.ScheduleEvent" }
    /// `string event_id = 1`.
    public var eventID: String = ""
    /// `int64 schedule_id = 2`.
    public var scheduleID: Int64 = 0
    /// `int64 owner_id = 3`.
    public var ownerID: Int64 = 0
    /// `int64 version = 4`.
    public var version: Int64 = 0
    /// `ScheduleState state = 5`.
    public var state: Bench_ScheduleState = .notStarted
    /// `google.protobuf.Timestamp start_time = 6`; nil when absent.
    public var startTime: Google_Protobuf_Timestamp? = nil
    /// `string title = 7`.
    public var title: String = ""
    /// `map<string, string> attributes = 8`.
    public var attributes: [String: String] = [:]
    /// `google.protobuf.Timestamp occurred_at = 9`; nil when absent.
    public var occurredAt: Google_Protobuf_Timestamp? = nil
    /// Fields this schema does not know, kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field at its default.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = WireSize.nonDefault(ProtoString.self, eventID, field: 1)
        size += WireSize.nonDefault(ProtoInt64.self, scheduleID, field: 2)
        size += WireSize.nonDefault(ProtoInt64.self, ownerID, field: 3)
        size += WireSize.nonDefault(ProtoInt64.self, version, field: 4)
        size += WireSize.nonDefault(ProtoEnumCodec<Bench_ScheduleState>.self, state, field: 5)
        if let startTime { size += WireSize.message(startTime, field: 6) }
        size += WireSize.nonDefault(ProtoString.self, title, field: 7)
        size += WireSize.map(ProtoString.self, ProtoString.self, attributes, field: 8)
        if let occurredAt { size += WireSize.message(occurredAt, field: 9) }
        return size + unknownFields.encodedSize
    }

    /// Writes the non-default fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoString.self, eventID, field: 1)
        writer.writeNonDefault(ProtoInt64.self, scheduleID, field: 2)
        writer.writeNonDefault(ProtoInt64.self, ownerID, field: 3)
        writer.writeNonDefault(ProtoInt64.self, version, field: 4)
        writer.writeNonDefault(ProtoEnumCodec<Bench_ScheduleState>.self, state, field: 5)
        if let startTime { writer.writeMessage(startTime, field: 6) }
        writer.writeNonDefault(ProtoString.self, title, field: 7)
        writer.writeMap(ProtoString.self, ProtoString.self, attributes, field: 8)
        if let occurredAt { writer.writeMessage(occurredAt, field: 9) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: eventID = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .varint: scheduleID = try reader.read(ProtoInt64.self)
            case 3 where tag.wireType == .varint: ownerID = try reader.read(ProtoInt64.self)
            case 4 where tag.wireType == .varint: version = try reader.read(ProtoInt64.self)
            case 5 where tag.wireType == .varint: state = try reader.read(ProtoEnumCodec<Bench_ScheduleState>.self)
            case 6 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &startTime)
            case 7 where tag.wireType == .lengthDelimited: title = try reader.read(ProtoString.self)
            case 8 where tag.wireType == .lengthDelimited:
                try reader.readMapEntry(ProtoString.self, ProtoString.self, into: &attributes)
            case 9 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &occurredAt)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

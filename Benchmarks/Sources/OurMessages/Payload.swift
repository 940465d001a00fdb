import Foundation
import ProtoCodec

// Hand-written in the shape the generator emits for Protos/codec_bench.proto, until the
// generator's build plugin lands (codegen/Plugin, issue 3). Then this folder becomes a target
// with `plugins: [.plugin(name: ..., package: "swift-rpc")]` over Benchmarks/Protos and these
// files go away. Types are public because codec-bench lives in another module.

/// `bench.Inner`: two fixed-shape scalars nested in `Payload`.
public struct Bench_Inner: Message {
    /// The protobuf name of this message.
    public static var protoMessageName: String { "bench.Inner" }
    /// `double score = 1`.
    public var score: Double = 0
    /// `bool flag = 2`.
    public var flag: Bool = false
    /// Fields this schema does not know, kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field at its default.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        WireSize.nonDefault(ProtoDouble.self, score, field: 1)
            + WireSize.nonDefault(ProtoBool.self, flag, field: 2)
            + unknownFields.encodedSize
    }

    /// Writes the non-default fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoDouble.self, score, field: 1)
        writer.writeNonDefault(ProtoBool.self, flag, field: 2)
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .fixed64: score = try reader.read(ProtoDouble.self)
            case 2 where tag.wireType == .varint: flag = try reader.read(ProtoBool.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// `bench.Payload`: a small record of about 100 bytes with every common field kind.
public struct Bench_Payload: Message {
    /// The protobuf name of this message.
    public static var protoMessageName: String { "bench.Payload" }
    /// `int64 id = 1`.
    public var id: Int64 = 0
    /// `string name = 2`.
    public var name: String = ""
    /// `bytes body = 3`.
    public var body = Data()
    /// `repeated int32 tags = 4`, packed.
    public var tags: [Int32] = []
    /// `Inner inner = 5`; nil when absent.
    public var inner: Bench_Inner? = nil
    /// Fields this schema does not know, kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// Creates a message with every field at its default.
    public init() {}

    /// The exact number of bytes `encode(to:)` writes.
    public func encodedSize() -> Int {
        var size = WireSize.nonDefault(ProtoInt64.self, id, field: 1)
        size += WireSize.nonDefault(ProtoString.self, name, field: 2)
        size += WireSize.nonDefault(ProtoBytes.self, body, field: 3)
        size += WireSize.packed(ProtoInt32.self, tags, field: 4)
        if let inner { size += WireSize.message(inner, field: 5) }
        return size + unknownFields.encodedSize
    }

    /// Writes the non-default fields in field-number order, then the unknown fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt64.self, id, field: 1)
        writer.writeNonDefault(ProtoString.self, name, field: 2)
        writer.writeNonDefault(ProtoBytes.self, body, field: 3)
        writer.writePacked(ProtoInt32.self, tags, field: 4)
        if let inner { writer.writeMessage(inner, field: 5) }
        unknownFields.encode(to: &writer)
    }

    /// Merges the fields read from `reader` into this message.
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: id = try reader.read(ProtoInt64.self)
            case 2 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 3 where tag.wireType == .lengthDelimited: body = try reader.read(ProtoBytes.self)
            case 4:
                if try !reader.readRepeated(ProtoInt32.self, tag, into: &tags) {
                    try reader.skipUnknown(tag, into: &unknownFields)
                }
            case 5 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &inner)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

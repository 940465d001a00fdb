import Foundation
import ProtoCodec

// Hand-written in the shape the generator emits, until the generator lands.
// Schema: Protos/codectest/test_messages.proto, message codectest.Payload.

struct Payload: Message {
    static var protoMessageName: String { "codectest.Payload" }

    struct Inner: Message {
        static var protoMessageName: String { "codectest.Payload.Inner" }
        var score: Double = 0
        var flag: Bool = false
        var unknownFields = UnknownFields()

        func encodedSize() -> Int {
            WireSize.nonDefault(ProtoDouble.self, score, field: 1)
                + WireSize.nonDefault(ProtoBool.self, flag, field: 2)
                + unknownFields.encodedSize
        }

        func encode(to writer: inout WireWriter) {
            writer.writeNonDefault(ProtoDouble.self, score, field: 1)
            writer.writeNonDefault(ProtoBool.self, flag, field: 2)
            unknownFields.encode(to: &writer)
        }

        mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == .fixed64: score = try reader.read(ProtoDouble.self)
                case 2 where tag.wireType == .varint: flag = try reader.read(ProtoBool.self)
                default: try reader.skipUnknown(tag, into: &unknownFields)
                }
            }
        }
    }

    var id: Int64 = 0
    var name: String = ""
    var body = Data()
    var tags: [Int32] = []
    var inner: Inner? = nil
    var unknownFields = UnknownFields()

    func encodedSize() -> Int {
        var size = WireSize.nonDefault(ProtoInt64.self, id, field: 1)
        size += WireSize.nonDefault(ProtoString.self, name, field: 2)
        size += WireSize.nonDefault(ProtoBytes.self, body, field: 3)
        size += WireSize.packed(ProtoInt32.self, tags, field: 4)
        if let inner { size += WireSize.message(inner, field: 5) }
        return size + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt64.self, id, field: 1)
        writer.writeNonDefault(ProtoString.self, name, field: 2)
        writer.writeNonDefault(ProtoBytes.self, body, field: 3)
        writer.writePacked(ProtoInt32.self, tags, field: 4)
        if let inner { writer.writeMessage(inner, field: 5) }
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: id = try reader.read(ProtoInt64.self)
            case 2 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 3 where tag.wireType == .lengthDelimited: body = try reader.read(ProtoBytes.self)
            case 4: try reader.readRepeated(ProtoInt32.self, tag, into: &tags, orKeepIn: &unknownFields)
            case 5 where tag.wireType == .lengthDelimited: try reader.readMessage(into: &inner)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

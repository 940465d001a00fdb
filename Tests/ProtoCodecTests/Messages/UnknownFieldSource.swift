import Foundation
import ProtoCodec

// Hand-written in the shape the generator emits, until the generator lands.
// Schema: Protos/codectest/test_messages.proto, message codectest.UnknownFieldSource.

struct UnknownFieldSource: Message {
    static var protoMessageName: String { "codectest.UnknownFieldSource" }
    var extraVarint: Int64 = 0
    var extraFixed32: UInt32 = 0
    var extraFixed64: UInt64 = 0
    var extraString: String = ""
    var extraPacked: [Int32] = []
    var unknownFields = UnknownFields()

    func encodedSize() -> Int {
        var size = WireSize.nonDefault(ProtoInt64.self, extraVarint, field: 1000)
        size += WireSize.nonDefault(ProtoFixed32.self, extraFixed32, field: 1001)
        size += WireSize.nonDefault(ProtoFixed64.self, extraFixed64, field: 1002)
        size += WireSize.nonDefault(ProtoString.self, extraString, field: 1003)
        size += WireSize.packed(ProtoSInt32.self, extraPacked, field: 1004)
        return size + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoInt64.self, extraVarint, field: 1000)
        writer.writeNonDefault(ProtoFixed32.self, extraFixed32, field: 1001)
        writer.writeNonDefault(ProtoFixed64.self, extraFixed64, field: 1002)
        writer.writeNonDefault(ProtoString.self, extraString, field: 1003)
        writer.writePacked(ProtoSInt32.self, extraPacked, field: 1004)
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1000 where tag.wireType == .varint: extraVarint = try reader.read(ProtoInt64.self)
            case 1001 where tag.wireType == .fixed32: extraFixed32 = try reader.read(ProtoFixed32.self)
            case 1002 where tag.wireType == .fixed64: extraFixed64 = try reader.read(ProtoFixed64.self)
            case 1003 where tag.wireType == .lengthDelimited: extraString = try reader.read(ProtoString.self)
            case 1004: try reader.readRepeated(ProtoSInt32.self, tag, into: &extraPacked, orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

import Foundation
import ProtoCodec

// Hand-written in the shape the generator emits, until the generator lands.
// Schema: Protos/codectest/legacy.proto, message codectest.Legacy (proto2). Every singular
// field has explicit presence; the group `Item` and the extensions are not modelled, so the
// decoder keeps them as unknown fields and writes them back unchanged.

struct Legacy: Message {
    static var protoMessageName: String { "codectest.Legacy" }
    var id: Int32? = nil
    var name: String? = nil
    var count: Int64? = nil
    var enabled: Bool? = nil
    var ratio: Double? = nil
    var legacyTags: [Int32] = []
    var unknownFields = UnknownFields()

    func encodedSize() -> Int {
        var size = 0
        if let id { size += WireSize.field(ProtoInt32.self, id, field: 1) }
        if let name { size += WireSize.field(ProtoString.self, name, field: 2) }
        if let count { size += WireSize.field(ProtoInt64.self, count, field: 3) }
        if let enabled { size += WireSize.field(ProtoBool.self, enabled, field: 4) }
        if let ratio { size += WireSize.field(ProtoDouble.self, ratio, field: 5) }
        size += WireSize.repeated(ProtoInt32.self, legacyTags, field: 9)
        return size + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        if let id { writer.writeField(ProtoInt32.self, id, field: 1) }
        if let name { writer.writeField(ProtoString.self, name, field: 2) }
        if let count { writer.writeField(ProtoInt64.self, count, field: 3) }
        if let enabled { writer.writeField(ProtoBool.self, enabled, field: 4) }
        if let ratio { writer.writeField(ProtoDouble.self, ratio, field: 5) }
        writer.writeRepeated(ProtoInt32.self, legacyTags, field: 9)
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .varint: id = try reader.read(ProtoInt32.self)
            case 2 where tag.wireType == .lengthDelimited: name = try reader.read(ProtoString.self)
            case 3 where tag.wireType == .varint: count = try reader.read(ProtoInt64.self)
            case 4 where tag.wireType == .varint: enabled = try reader.read(ProtoBool.self)
            case 5 where tag.wireType == .fixed64: ratio = try reader.read(ProtoDouble.self)
            case 9: try reader.readRepeated(ProtoInt32.self, tag, into: &legacyTags, orKeepIn: &unknownFields)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

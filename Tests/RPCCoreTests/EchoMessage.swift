import ProtoCodec

// Hand-written in the shape the generator emits. Schema:
//   message Echo { string text = 1; int64 number = 2; }
struct Echo: Message {
    static var protoMessageName: String { "rpctest.Echo" }
    var text: String = ""
    var number: Int64 = 0
    var unknownFields = UnknownFields()

    init() {}

    init(_ text: String, number: Int64 = 0) {
        self.text = text
        self.number = number
    }

    func encodedSize() -> Int {
        WireSize.nonDefault(ProtoString.self, text, field: 1)
            + WireSize.nonDefault(ProtoInt64.self, number, field: 2)
            + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoString.self, text, field: 1)
        writer.writeNonDefault(ProtoInt64.self, number, field: 2)
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1 where tag.wireType == .lengthDelimited: text = try reader.read(ProtoString.self)
            case 2 where tag.wireType == .varint: number = try reader.read(ProtoInt64.self)
            default: try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// A message whose encoding is a truncated varint tag: every decoder must reject it.
struct Garbage: Message {
    static var protoMessageName: String { "rpctest.Garbage" }
    var unknownFields = UnknownFields()

    func encodedSize() -> Int { 1 }

    func encode(to writer: inout WireWriter) {
        // A varint with its continuation bit set and nothing after it.
        [UInt8(0x80)].withUnsafeBytes { writer.writeRawBytes($0) }
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() { try reader.skipUnknown(tag, into: &unknownFields) }
    }
}

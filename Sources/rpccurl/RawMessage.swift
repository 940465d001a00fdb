import ProtoCodec

/// A message carried as its wire bytes: rpccurl encodes and decodes messages through
/// descriptors it learns at run time, so calls move bytes it has already checked.
struct RawMessage: Message {
    static let protoMessageName = "rpccurl.RawMessage"

    /// Every field, kept as read.
    var unknownFields = UnknownFields()

    init() {}

    /// The message whose serialized form is `bytes`, which rpccurl's own encoder wrote.
    init(bytes: [UInt8]) {
        bytes.withUnsafeBytes { unknownFields.append($0) }
    }

    func encodedSize() -> Int { unknownFields.encodedSize }

    func encode(to writer: inout WireWriter) { unknownFields.encode(to: &writer) }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            try reader.skipUnknown(tag, into: &unknownFields)
        }
    }
}

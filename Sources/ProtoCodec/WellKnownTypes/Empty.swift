/// `google.protobuf.Empty`: a message with no fields, for calls that take or return nothing.
public struct Google_Protobuf_Empty: Message {
    /// `google.protobuf.Empty`.
    public static var protoMessageName: String { "google.protobuf.Empty" }

    /// Fields a newer schema might add, kept for re-encoding.
    public var unknownFields = UnknownFields()

    /// The empty message.
    @inlinable
    public init() {}

    /// Only the unknown fields take space.
    @inlinable
    public func encodedSize() -> Int { unknownFields.encodedSize }

    /// Writes the unknown fields, if any.
    @inlinable
    public func encode(to writer: inout WireWriter) { unknownFields.encode(to: &writer) }

    /// Keeps every field as unknown.
    @inlinable
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            try reader.skipUnknown(tag, into: &unknownFields)
        }
    }
}

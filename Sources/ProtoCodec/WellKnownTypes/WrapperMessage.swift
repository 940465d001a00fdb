/// The shape shared by the nine wrapper well-known types (`google.protobuf.Int32Value` and
/// friends): one field, `value`, number 1, of a scalar type. Wrappers give a scalar explicit
/// presence in proto3 schemas written before `optional` existed.
public protocol WrapperMessage: Message {
    /// The codec of the wrapped scalar.
    associatedtype ValueCodec: FieldCodec
    /// The wrapped value (field 1).
    var value: ValueCodec.Value { get set }
}

extension WrapperMessage {
    /// A wrapper holding `value`.
    @inlinable
    public init(_ value: ValueCodec.Value) {
        self.init()
        self.value = value
    }

    /// The exact encoded size: the value unless it is the default, then unknown fields.
    @inlinable
    public func encodedSize() -> Int {
        WireSize.nonDefault(ValueCodec.self, value, field: 1) + unknownFields.encodedSize
    }

    /// Writes the value unless it is the default, then the unknown fields.
    @inlinable
    public func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ValueCodec.self, value, field: 1)
        unknownFields.encode(to: &writer)
    }

    /// Merges fields from `reader`: the last `value` wins.
    @inlinable
    public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag.fieldNumber == 1 && tag.wireType == ValueCodec.wireType {
                value = try reader.read(ValueCodec.self)
            } else {
                try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

/// Fields a decoder did not recognise, kept byte for byte and written back on encode.
public struct UnknownFields: Sendable, Hashable {
    /// The raw encoded fields, keys included, in the order they arrived.
    public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8] = []

    /// Creates an empty set.
    @inlinable
    public init() {}

    /// True when nothing unknown was seen.
    @inlinable
    public var isEmpty: Bool { storage.isEmpty }

    /// Appends one raw field (key and value).
    @inlinable
    public mutating func append(_ field: UnsafeRawBufferPointer) {
        storage.append(contentsOf: field)
    }

    /// Number of bytes the fields take on the wire.
    @inlinable
    public var encodedSize: Int { storage.count }

    /// Writes the fields back as they arrived.
    @inlinable
    public func encode(to writer: inout WireWriter) {
        guard !storage.isEmpty else { return }
        storage.withUnsafeBytes { writer.writeRawBytes($0) }
    }
}

extension WireReader {
    /// Skips the field `tag` and keeps its bytes in `unknownFields`.
    @inlinable
    public mutating func skipUnknown(_ tag: FieldTag, into unknownFields: inout UnknownFields)
        throws(ProtoDecodingError)
    {
        let raw = try skipField(tag)
        unknownFields.append(raw)
    }
}

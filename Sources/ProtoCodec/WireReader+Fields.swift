/// Field-level reading helpers used by generated `decode(from:)` methods.
///
/// Generated code matches a known field number and the expected wire type, then calls one
/// of these; a field whose wire type does not match goes to the unknown fields.
extension WireReader {
    /// Reads one value of a field whose key has been read.
    @inlinable
    public mutating func read<C: FieldCodec>(_ codec: C.Type) throws(ProtoDecodingError) -> C.Value {
        try C.read(from: &self)
    }

    /// Reads one element of a repeated field and appends it; packable types accept both
    /// the packed and the unpacked form. Returns false if `tag`'s wire type fits neither,
    /// so the caller can keep the field as unknown.
    @inlinable
    public mutating func readRepeated<C: FieldCodec>(
        _ codec: C.Type, _ tag: FieldTag, into values: inout [C.Value]
    ) throws(ProtoDecodingError) -> Bool {
        if tag.wireType == C.wireType {
            values.append(try C.read(from: &self))
            return true
        }
        guard tag.wireType == .lengthDelimited, C.self is any PackableFieldCodec.Type else { return false }
        try readPacked(codec, into: &values)
        return true
    }

    /// Reads one element (or one packed run) of a repeated field and appends it, keeping
    /// the field in `unknownFields` when its wire type fits neither form.
    @inlinable
    public mutating func readRepeated<C: FieldCodec>(
        _ codec: C.Type, _ tag: FieldTag, into values: inout [C.Value],
        orKeepIn unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) {
        if try !readRepeated(codec, tag, into: &values) {
            try skipUnknown(tag, into: &unknownFields)
        }
    }

    /// Reads a packed run of values; a fixed-width run must be a whole number of elements.
    @inlinable
    mutating func readPacked<C: FieldCodec>(_ codec: C.Type, into values: inout [C.Value]) throws(ProtoDecodingError) {
        let bytes = try readLengthDelimited()
        var packed = WireReader(
            base: bytes.baseAddress ?? base, count: bytes.count,
            baseOffset: baseOffset + position - bytes.count, depthLeft: depthLeft, nestingLimit: nestingLimit)
        packed.currentField = currentField
        let count: Int
        switch C.wireType {
        case .fixed32:
            guard bytes.count % 4 == 0 else { throw error(.malformedPackedField, at: bytes) }
            count = bytes.count / 4
        case .fixed64:
            guard bytes.count % 8 == 0 else { throw error(.malformedPackedField, at: bytes) }
            count = bytes.count / 8
        default:
            // Every varint ends with the one byte whose high bit is clear.
            count = bytes.reduce(0) { $0 &+ ($1 < 0x80 ? 1 : 0) }
        }
        // Grow geometrically: many small packed runs must not reallocate once per run.
        let needed = values.count + count
        if needed > values.capacity { values.reserveCapacity(Swift.max(needed, values.capacity * 2)) }
        while !packed.isAtEnd {
            values.append(try C.read(from: &packed))
        }
    }

    /// Reads an embedded message and merges it into `message` (the protobuf merge rule).
    @inlinable
    public mutating func readMessage<M: Message>(into message: inout M) throws(ProtoDecodingError) {
        try withNestedReader { (nested: inout WireReader) throws(ProtoDecodingError) in
            try message.decode(from: &nested)
        }
    }

    /// Reads an embedded message into an optional field, merging with a value already there.
    @inlinable
    public mutating func readMessage<M: Message>(into message: inout M?) throws(ProtoDecodingError) {
        var value = message ?? M()
        try readMessage(into: &value)
        message = value
    }

    /// Reads one map entry and stores it; a missing key or value takes its default, and a
    /// later entry with the same key replaces an earlier one.
    @inlinable
    public mutating func readMapEntry<K: FieldCodec, V: FieldCodec>(
        _ keyCodec: K.Type, _ valueCodec: V.Type, into map: inout [K.Value: V.Value]
    ) throws(ProtoDecodingError) where K.Value: Hashable {
        try withNestedReader { (entry: inout WireReader) throws(ProtoDecodingError) in
            var key = K.defaultValue
            var value = V.defaultValue
            while let tag = try entry.nextTag() {
                switch tag.fieldNumber {
                case 1 where tag.wireType == K.wireType: key = try K.read(from: &entry)
                case 2 where tag.wireType == V.wireType: value = try V.read(from: &entry)
                default: _ = try entry.skipField(tag)
                }
            }
            map[key] = value
        }
    }
}

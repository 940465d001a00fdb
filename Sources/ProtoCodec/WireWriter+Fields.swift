/// Field-level writing helpers used by generated `encode(to:)` methods.
extension WireWriter {
    /// Writes `value` with its key, whatever its value (explicit presence, or repeated unpacked).
    @inlinable
    public mutating func writeField<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, field: Int) {
        writeTag(field, C.wireType)
        C.write(value, to: &self)
    }

    /// Writes `value` with its key unless it is the proto3 default (implicit presence).
    @inlinable
    public mutating func writeNonDefault<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, field: Int) {
        if !C.isDefault(value) { writeField(codec, value, field: field) }
    }

    /// Writes each value with its own key (strings, bytes, messages, and unpacked scalars).
    @inlinable
    public mutating func writeRepeated<C: FieldCodec>(_ codec: C.Type, _ values: [C.Value], field: Int) {
        for value in values { writeField(codec, value, field: field) }
    }

    /// Writes numeric values packed into one length-delimited field; nothing when empty.
    @inlinable
    public mutating func writePacked<C: PackableFieldCodec>(_ codec: C.Type, _ values: [C.Value], field: Int) {
        guard !values.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeLengthPrefixed { writer in
            for value in values { C.write(value, to: &writer) }
        }
    }

    /// Writes an embedded message with its key and length.
    @inlinable
    public mutating func writeMessage<M: Message>(_ message: M, field: Int) {
        writeTag(field, .lengthDelimited)
        writeLengthPrefixed { message.encode(to: &$0) }
    }

    /// Writes a map as repeated entries of key (field 1) and value (field 2).
    @inlinable
    public mutating func writeMap<K: FieldCodec, V: FieldCodec>(
        _ keyCodec: K.Type, _ valueCodec: V.Type, _ map: [K.Value: V.Value], field: Int
    ) {
        for (key, value) in map {
            writeTag(field, .lengthDelimited)
            writeLengthPrefixed { entry in
                entry.writeField(keyCodec, key, field: 1)
                entry.writeField(valueCodec, value, field: 2)
            }
        }
    }
}

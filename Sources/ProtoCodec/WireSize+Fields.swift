/// Field-level size helpers used by generated `encodedSize()` methods; each mirrors the
/// `WireWriter` helper of the same name.
extension WireSize {
    /// Size of `value` with its key.
    @inlinable
    public static func field<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, field: Int) -> Int {
        tag(field) + C.encodedSize(of: value)
    }

    /// Size of `value` with its key, or 0 when it is the proto3 default.
    @inlinable
    public static func nonDefault<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, field: Int) -> Int {
        C.isDefault(value) ? 0 : tag(field) + C.encodedSize(of: value)
    }

    /// Size of each value with its own key.
    @inlinable
    public static func repeated<C: FieldCodec>(_ codec: C.Type, _ values: [C.Value], field: Int) -> Int {
        var size = tag(field) * values.count
        for value in values { size += C.encodedSize(of: value) }
        return size
    }

    /// Size of the values of a packed field, without key and length.
    @inlinable
    public static func packedPayload<C: PackableFieldCodec>(_ codec: C.Type, _ values: [C.Value]) -> Int {
        switch C.wireType {
        case .fixed32: return 4 * values.count
        case .fixed64: return 8 * values.count
        default:
            var size = 0
            for value in values { size += C.encodedSize(of: value) }
            return size
        }
    }

    /// Size of a packed field with key and length, or 0 when empty.
    @inlinable
    public static func packed<C: PackableFieldCodec>(_ codec: C.Type, _ values: [C.Value], field: Int) -> Int {
        guard !values.isEmpty else { return 0 }
        return tag(field) + lengthDelimited(packedPayload(codec, values))
    }

    /// Size of an embedded message with its key and length.
    @inlinable
    public static func message<M: Message>(_ message: M, field: Int) -> Int {
        tag(field) + lengthDelimited(message.encodedSize())
    }

    /// Size of one map entry's key and value fields, without the entry's own key and length.
    @inlinable
    public static func mapEntryPayload<K: FieldCodec, V: FieldCodec>(
        _ keyCodec: K.Type, _ valueCodec: V.Type, _ key: K.Value, _ value: V.Value
    ) -> Int {
        2 + K.encodedSize(of: key) + V.encodedSize(of: value)
    }

    /// Size of a whole map field.
    @inlinable
    public static func map<K: FieldCodec, V: FieldCodec>(
        _ keyCodec: K.Type, _ valueCodec: V.Type, _ map: [K.Value: V.Value], field: Int
    ) -> Int {
        var size = tag(field) * map.count
        for (key, value) in map {
            size += lengthDelimited(mapEntryPayload(keyCodec, valueCodec, key, value))
        }
        return size
    }
}

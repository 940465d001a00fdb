/// How one protobuf field type maps to a Swift value and to the wire.
///
/// Each protobuf scalar type has a caseless enum conforming to this protocol
/// (`ProtoInt32`, `ProtoSInt64`, `ProtoString`, ...). Generated code passes these types to the
/// generic field helpers on `WireWriter`, `WireReader` and `WireSize`, which the compiler
/// specialises, so no existential is involved on the hot path.
public protocol FieldCodec {
    /// The Swift type that holds the field's value.
    associatedtype Value: Hashable & Sendable
    /// The wire type of one (unpacked) value.
    static var wireType: WireType { get }
    /// The proto3 default, which is never written for implicit-presence fields.
    static var defaultValue: Value { get }
    /// Whether `value` is the default (floats compare bit patterns, so -0.0 is written).
    static func isDefault(_ value: Value) -> Bool
    /// Bytes taken by `value` without its key.
    static func encodedSize(of value: Value) -> Int
    /// Writes `value` without its key.
    static func write(_ value: Value, to writer: inout WireWriter)
    /// Reads one value whose key has been read.
    static func read(from reader: inout WireReader) throws(ProtoDecodingError) -> Value
}

extension FieldCodec where Value: Equatable {
    /// Default comparison by equality.
    @inlinable
    public static func isDefault(_ value: Value) -> Bool { value == defaultValue }
}

/// A field codec whose values may be written packed (varint and fixed-width types).
public protocol PackableFieldCodec: FieldCodec {}

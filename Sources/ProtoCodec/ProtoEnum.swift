/// A protobuf enum: open, so numbers the schema does not name are kept and re-emitted.
///
/// Generated enums have one case per value plus `unrecognized(Int32)`.
public protocol ProtoEnum: Sendable, Hashable, RawRepresentable where RawValue == Int32 {
    /// Maps any number to a case, `unrecognized` when the schema does not name it.
    init(rawValue: Int32)
    /// The zero value, which proto3 uses as the default and does not encode.
    init()
}

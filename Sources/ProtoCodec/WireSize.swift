/// Sizes of encoded values, used by the size pass that precedes every encode.
public enum WireSize {
    /// Bytes taken by `value` as a base-128 varint (1 to 10).
    @inlinable @inline(__always)
    public static func varint(_ value: UInt64) -> Int {
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits * 9 + 64) / 64
    }

    /// Bytes taken by `value` as a varint (1 to 5).
    @inlinable @inline(__always)
    public static func varint(_ value: UInt32) -> Int {
        let bits = 32 - (value | 1).leadingZeroBitCount
        return (bits * 9 + 64) / 64
    }

    /// Bytes taken by the tag of `fieldNumber` (the wire type does not change it).
    @inlinable @inline(__always)
    public static func tag(_ fieldNumber: Int) -> Int {
        varint(UInt32(truncatingIfNeeded: fieldNumber << 3))
    }

    /// Bytes taken by a length-delimited payload of `length` bytes, prefix included.
    @inlinable
    public static func lengthDelimited(_ length: Int) -> Int {
        varint(UInt64(length)) + length
    }
}

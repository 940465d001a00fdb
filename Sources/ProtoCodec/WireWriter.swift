/// Writes protobuf wire data into a buffer whose exact size was computed beforehand.
///
/// The writer never grows its buffer: the encode path first asks a message for its exact
/// size, allocates once, and then writes every field in field-number order.
public struct WireWriter: ~Copyable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let capacity: Int
    @usableFromInline var position: Int

    /// Creates a writer over `buffer`; writing past its end is a programming error that traps.
    @inlinable
    public init(buffer: UnsafeMutableRawBufferPointer) {
        self.base = buffer.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 0x10)!
        self.capacity = buffer.count
        self.position = 0
    }

    /// Bytes written so far.
    @inlinable
    public var bytesWritten: Int { position }

    @inlinable
    mutating func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        precondition(count <= capacity &- position, "WireWriter overflow: encodedSize() was wrong")
        let pointer = base + position
        position &+= count
        return pointer
    }

    /// Writes `value` as a base-128 varint.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        if value < 0x80 {
            reserve(1).storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
            return
        }
        let pointer = reserve(WireSize.varint(value))
        var value = value
        var index = 0
        while value >= 0x80 {
            pointer.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: index, as: UInt8.self)
            value >>= 7
            index &+= 1
        }
        pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: index, as: UInt8.self)
    }

    /// Writes the key of field `fieldNumber` with `wireType`.
    @inlinable
    public mutating func writeTag(_ fieldNumber: Int, _ wireType: WireType) {
        writeVarint(UInt64(fieldNumber) << 3 | UInt64(wireType.rawValue))
    }

    /// Writes four little-endian bytes.
    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        reserve(4).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Writes eight little-endian bytes.
    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        reserve(8).storeBytes(of: value.littleEndian, as: UInt64.self)
    }

    /// Writes raw bytes with no prefix.
    @inlinable
    public mutating func writeRawBytes(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(bytes.count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    }

    /// Writes a length prefix followed by `bytes`.
    @inlinable
    public mutating func writeLengthDelimited(_ bytes: UnsafeRawBufferPointer) {
        writeVarint(UInt64(bytes.count))
        writeRawBytes(bytes)
    }

    /// Writes what `body` writes, preceded by its length as a varint, without computing the
    /// length in advance: `body` writes after a one-byte placeholder, and when the length
    /// needs more than one byte (128 bytes or more) the body is moved up to make room. This
    /// saves the second size pass over nested messages and packed fields that writing the
    /// length first needs, which costs O(size x depth) for deeply nested messages.
    @inlinable
    public mutating func writeLengthPrefixed(_ body: (inout WireWriter) -> Void) {
        let start = position
        _ = reserve(1)
        body(&self)
        let length = position &- start &- 1
        if length < 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: length), toByteOffset: start, as: UInt8.self)
            return
        }
        let prefixSize = WireSize.varint(UInt64(length))
        _ = reserve(prefixSize &- 1)
        (base + start + prefixSize).copyMemory(from: base + start + 1, byteCount: length)
        position = start
        writeVarint(UInt64(length))
        position = start &+ prefixSize &+ length
    }
}

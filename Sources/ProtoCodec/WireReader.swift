/// Reads protobuf wire data from a borrowed buffer, one field at a time.
///
/// A reader never copies its input; `string` and `bytes` values are copied only when the
/// decoder keeps them. Offsets in errors count from the start of the outermost buffer.
public struct WireReader: ~Copyable {
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline var position: Int
    @usableFromInline let end: Int
    /// Offset of `base` inside the outermost buffer, so errors report absolute offsets.
    @usableFromInline let baseOffset: Int
    /// How many more levels of message or group nesting are allowed.
    @usableFromInline let depthLeft: Int
    /// The nesting limit the outermost reader was created with, for error reports.
    @usableFromInline let nestingLimit: Int
    /// The field whose value is being read, for error reports.
    @usableFromInline var currentField: Int?
    /// Where the key of the current field starts, so unknown fields can be kept whole.
    @usableFromInline var tagStart: Int

    /// The default limit on message and group nesting.
    public static let defaultNestingLimit = 100

    /// Creates a reader over `buffer`, allowing `nestingLimit` levels of nested messages.
    @inlinable
    public init(buffer: UnsafeRawBufferPointer, nestingLimit: Int = WireReader.defaultNestingLimit) {
        self.base = UnsafeRawPointer(buffer.baseAddress) ?? UnsafeRawPointer(bitPattern: 0x10)!
        self.position = 0
        self.end = buffer.count
        self.baseOffset = 0
        self.depthLeft = nestingLimit
        self.nestingLimit = nestingLimit
        self.currentField = nil
        self.tagStart = 0
    }

    @inlinable
    init(base: UnsafeRawPointer, count: Int, baseOffset: Int, depthLeft: Int, nestingLimit: Int) {
        self.base = base
        self.position = 0
        self.end = count
        self.baseOffset = baseOffset
        self.depthLeft = depthLeft
        self.nestingLimit = nestingLimit
        self.currentField = nil
        self.tagStart = 0
    }

    /// True when every byte has been read.
    @inlinable
    public var isAtEnd: Bool { position >= end }

    /// Builds an error at the current position.
    @inlinable
    public func error(_ kind: ProtoDecodingError.Kind) -> ProtoDecodingError {
        ProtoDecodingError(kind, fieldNumber: currentField, offset: baseOffset + position)
    }

    /// Builds an error located at the first byte of `bytes`, a value this reader returned.
    @inlinable
    public func error(_ kind: ProtoDecodingError.Kind, at bytes: UnsafeRawBufferPointer) -> ProtoDecodingError {
        let start = bytes.baseAddress.map { base.distance(to: $0) } ?? position
        return ProtoDecodingError(kind, fieldNumber: currentField, offset: baseOffset + start)
    }

    /// Reads a base-128 varint of at most 10 bytes.
    @inlinable
    public mutating func readVarint() throws(ProtoDecodingError) -> UInt64 {
        if position < end {
            let first = base.load(fromByteOffset: position, as: UInt8.self)
            if first < 0x80 {
                position &+= 1
                return UInt64(first)
            }
        }
        return try readVarintSlow()
    }

    @usableFromInline
    mutating func readVarintSlow() throws(ProtoDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = position
        let limit = end &- position > 10 ? position &+ 10 : end
        while index < limit {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            result |= UInt64(byte & 0x7F) &<< shift
            index &+= 1
            if byte < 0x80 {
                position = index
                return result
            }
            shift &+= 7
        }
        throw error(index &- position == 10 ? .varintTooLong : .truncatedVarint)
    }

    /// Reads the next field key, or returns nil at the end of the buffer.
    ///
    /// Rejects wire types 6 and 7, field number 0 and numbers above 2^29 - 1, and an
    /// end-group key with no open group.
    @inlinable
    public mutating func nextTag() throws(ProtoDecodingError) -> FieldTag? {
        guard position < end else { return nil }
        currentField = nil
        tagStart = position
        let raw = try readVarint()
        let tag = try validateTag(raw, start: tagStart)
        if tag.wireType == .endGroup {
            throw ProtoDecodingError(.unexpectedEndGroup, fieldNumber: tag.fieldNumber, offset: baseOffset + tagStart)
        }
        currentField = tag.fieldNumber
        return tag
    }

    /// Splits a raw key into a tag, rejecting what the format forbids; errors point at the
    /// key's first byte, `start`.
    @inlinable
    mutating func validateTag(_ raw: UInt64, start: Int) throws(ProtoDecodingError) -> FieldTag {
        let number = raw >> 3
        guard number != 0, number <= UInt64(FieldTag.maxFieldNumber) else {
            throw ProtoDecodingError(.invalidFieldNumber(number), fieldNumber: nil, offset: baseOffset + start)
        }
        let wireBits = UInt8(truncatingIfNeeded: raw & 7)
        guard wireBits < 6 else {
            throw ProtoDecodingError(.invalidWireType(wireBits), fieldNumber: Int(number), offset: baseOffset + start)
        }
        // Every value in 0...5 is a case of WireType.
        return FieldTag(fieldNumber: Int(number), wireType: WireType(rawValue: wireBits).unsafelyUnwrapped)
    }

    /// Reads four little-endian bytes.
    @inlinable
    public mutating func readFixed32() throws(ProtoDecodingError) -> UInt32 {
        guard end &- position >= 4 else { throw error(.truncatedFixed) }
        let value = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position &+= 4
        return UInt32(littleEndian: value)
    }

    /// Reads eight little-endian bytes.
    @inlinable
    public mutating func readFixed64() throws(ProtoDecodingError) -> UInt64 {
        guard end &- position >= 8 else { throw error(.truncatedFixed) }
        let value = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position &+= 8
        return UInt64(littleEndian: value)
    }

    /// Reads a length prefix and returns the bytes it covers, borrowed from the input.
    @inlinable
    public mutating func readLengthDelimited() throws(ProtoDecodingError) -> UnsafeRawBufferPointer {
        let length = try readVarint()
        let available = end &- position
        guard length <= UInt64(available) else {
            throw error(.lengthPastEnd(length: length, available: available))
        }
        let start = base + position
        position &+= Int(length)
        return UnsafeRawBufferPointer(start: start, count: Int(length))
    }

    /// Reads a length-delimited field and hands `body` a reader over its contents, one
    /// nesting level deeper.
    @inlinable
    public mutating func withNestedReader<R>(
        _ body: (inout WireReader) throws(ProtoDecodingError) -> R
    ) throws(ProtoDecodingError) -> R {
        guard depthLeft > 0 else { throw error(.nestingTooDeep(limit: nestingLimit)) }
        let bytes = try readLengthDelimited()
        var nested = WireReader(
            base: bytes.baseAddress ?? base,
            count: bytes.count,
            baseOffset: baseOffset + position - bytes.count,
            depthLeft: depthLeft - 1,
            nestingLimit: nestingLimit)
        return try body(&nested)
    }

    /// Skips the value of `tag` and returns the raw bytes of the whole field (key included),
    /// so that unknown fields can be kept byte for byte.
    public mutating func skipField(_ tag: FieldTag) throws(ProtoDecodingError) -> UnsafeRawBufferPointer {
        let start = tagStart
        try skipValue(tag, depthLeft: depthLeft)
        return UnsafeRawBufferPointer(start: base + start, count: position - start)
    }

    mutating func skipValue(_ tag: FieldTag, depthLeft: Int) throws(ProtoDecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .endGroup: throw error(.unexpectedEndGroup)
        case .startGroup:
            guard depthLeft > 0 else { throw error(.nestingTooDeep(limit: nestingLimit)) }
            while true {
                guard position < end else { throw error(.unterminatedGroup) }
                let start = position
                let inner = try validateTag(try readVarint(), start: start)
                if inner.wireType == .endGroup {
                    guard inner.fieldNumber == tag.fieldNumber else {
                        throw ProtoDecodingError(
                            .unexpectedEndGroup, fieldNumber: inner.fieldNumber, offset: baseOffset + start)
                    }
                    return
                }
                try skipValue(inner, depthLeft: depthLeft - 1)
            }
        }
    }
}

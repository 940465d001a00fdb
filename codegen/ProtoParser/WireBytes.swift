/// Protobuf wire encoding into growable byte arrays, for option values whose size is not
/// known up front (the codec's `WireWriter` needs exact sizes).
enum WireBytes {
    static let varint: UInt8 = 0
    static let fixed64: UInt8 = 1
    static let lengthDelimited: UInt8 = 2
    static let startGroup: UInt8 = 3
    static let endGroup: UInt8 = 4
    static let fixed32: UInt8 = 5

    static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }

    static func tag(_ number: Int32, _ wireType: UInt8) -> [UInt8] {
        varint(UInt64(UInt32(bitPattern: number)) << 3 | UInt64(wireType))
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// One field: its key and `payload`; length-prefixed or group-delimited as `wireType` says.
    static func field(_ number: Int32, _ wireType: UInt8, _ payload: [UInt8]) -> [UInt8] {
        switch wireType {
        case lengthDelimited: return tag(number, wireType) + varint(UInt64(payload.count)) + payload
        case startGroup: return tag(number, startGroup) + payload + tag(number, endGroup)
        default: return tag(number, wireType) + payload
        }
    }
}

extension WireBytes {
    /// One field read back from encoded bytes.
    struct Field {
        var number: Int32
        var wireType: UInt8
        /// The value: varint or fixed bytes, a length-delimited payload, or a group's contents.
        var payload: ArraySlice<UInt8>
    }

    /// Splits `bytes` into fields; nil when they are not well-formed.
    static func fields(in bytes: ArraySlice<UInt8>) -> [Field]? {
        var index = bytes.startIndex
        return readFields(bytes, &index, closingGroup: nil, depth: 0)
    }

    /// Reads fields up to the end of `bytes`, or up to the end-group tag of `closingGroup`.
    private static func readFields(_ bytes: ArraySlice<UInt8>, _ index: inout Int, closingGroup: Int32?, depth: Int)
        -> [Field]?
    {
        guard depth <= Parser.maximumDepth + 1 else { return nil }
        var fields: [Field] = []
        while index < bytes.endIndex {
            guard let key = readVarint(bytes, &index), key >> 3 > 0, key >> 3 <= UInt64(Int32.max) else { return nil }
            let number = Int32(key >> 3)
            let wireType = UInt8(key & 7)
            let start = index
            switch wireType {
            case varint:
                guard readVarint(bytes, &index) != nil else { return nil }
            case fixed64, fixed32:
                index += wireType == fixed64 ? 8 : 4
                guard index <= bytes.endIndex else { return nil }
            case lengthDelimited:
                guard let length = readVarint(bytes, &index), length <= UInt64(bytes.endIndex - index) else {
                    return nil
                }
                fields.append(Field(number: number, wireType: wireType, payload: bytes[index..<index + Int(length)]))
                index += Int(length)
                continue
            case startGroup:
                guard readFields(bytes, &index, closingGroup: number, depth: depth + 1) != nil else { return nil }
                let end = index - tag(number, endGroup).count
                fields.append(Field(number: number, wireType: wireType, payload: bytes[start..<end]))
                continue
            case endGroup:
                return number == closingGroup ? fields : nil
            default:
                return nil
            }
            fields.append(Field(number: number, wireType: wireType, payload: bytes[start..<index]))
        }
        return closingGroup == nil ? fields : nil
    }

    private static func readVarint(_ bytes: ArraySlice<UInt8>, _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

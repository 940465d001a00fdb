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

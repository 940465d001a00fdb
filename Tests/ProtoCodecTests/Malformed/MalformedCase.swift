import ProtoCodec
import Testing

/// Bytes that break one rule of the wire format, and the exact error decoding must report.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let error: ProtoDecodingError

    init(_ name: String, _ bytes: [UInt8], _ kind: ProtoDecodingError.Kind, field: Int?, offset: Int) {
        self.name = name
        self.bytes = bytes
        self.error = ProtoDecodingError(kind, fieldNumber: field, offset: offset)
    }

    var testDescription: String { name }

    /// `depth` messages nested through `recursive` (field 18), innermost empty, and the offset
    /// of the byte after the key of the innermost one.
    static func nestedMessages(depth: Int) -> (bytes: [UInt8], innermostKeyEnd: Int) {
        var bytes: [UInt8] = []
        for _ in 0..<depth {
            bytes = [0x92, 0x01] + varint(UInt64(bytes.count)) + bytes
        }
        var offset = 0
        var remaining = bytes.count
        for _ in 0..<(depth - 1) {
            remaining -= 2
            let prefix = varint(UInt64(remaining)).count
            remaining -= prefix
            offset += 2 + prefix
        }
        return (bytes, offset + 2)
    }

    /// `depth` groups nested inside unknown field 200, each opened and closed.
    static func nestedGroups(depth: Int) -> [UInt8] {
        let start: [UInt8] = [0xC3, 0x0C] // field 200, start group
        let end: [UInt8] = [0xC4, 0x0C] // field 200, end group
        return Array(repeating: start, count: depth).flatMap { $0 } + Array(repeating: end, count: depth).flatMap { $0 }
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }
}

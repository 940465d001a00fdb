import Foundation

/// A statement parameter: NULL, text, an integer, a boolean, a float or bytes.
///
/// Literals work directly (`["alice", 42, true, nil]`); values from variables are wrapped with
/// a case (`.text(name)`) or ``init(_:)-(String?)`` for optionals. Parameters are sent in text
/// format with the type the case implies (`text` is left for the server to infer), so
/// `WHERE id = $1` works with `.int` for any integer column and `.bytes` inserts into `bytea`.
public enum PostgresValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// Text; the server infers the type from the statement (so it also fits `timestamptz`,
    /// `uuid`, `jsonb` and other types written as text).
    case text(String)
    /// A 64-bit integer (`int8`; fits `int2`/`int4` columns by assignment).
    case int(Int64)
    /// A boolean.
    case bool(Bool)
    /// A double-precision float (`float8`).
    case double(Double)
    /// Bytes (`bytea`).
    case bytes(Data)

    /// `.text`, or `.null` for `nil`.
    public init(_ value: String?) { self = value.map(PostgresValue.text) ?? .null }
    /// `.int`, or `.null` for `nil`.
    public init(_ value: Int64?) { self = value.map(PostgresValue.int) ?? .null }
    /// `.int`, or `.null` for `nil`.
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    /// `.bool`, or `.null` for `nil`.
    public init(_ value: Bool?) { self = value.map(PostgresValue.bool) ?? .null }
    /// `.bytes`, or `.null` for `nil`.
    public init(_ value: Data?) { self = value.map(PostgresValue.bytes) ?? .null }

    /// The type OID sent with the parameter (0: let the server infer it).
    var typeOID: UInt32 {
        switch self {
        case .null, .text: 0
        case .int: PostgresColumn.TypeOID.int8
        case .bool: PostgresColumn.TypeOID.bool
        case .double: PostgresColumn.TypeOID.float8
        case .bytes: PostgresColumn.TypeOID.bytea
        }
    }

    /// The text-format representation, or `nil` for NULL.
    var textFormat: String? {
        switch self {
        case .null: nil
        case .text(let text): text
        case .int(let value): String(value)
        case .bool(let value): value ? "t" : "f"
        case .double(let value):
            value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "Infinity" : "-Infinity") : "\(value)"
        case .bytes(let data): ByteaHex.encode(data)
        }
    }
}

extension PostgresValue: ExpressibleByNilLiteral {
    /// SQL NULL.
    public init(nilLiteral: ()) { self = .null }
}

extension PostgresValue: ExpressibleByStringLiteral {
    /// `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension PostgresValue: ExpressibleByIntegerLiteral {
    /// `.int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension PostgresValue: ExpressibleByBooleanLiteral {
    /// `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PostgresValue: ExpressibleByFloatLiteral {
    /// `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
}

/// `bytea`'s hex text format: `\x` followed by two lowercase hex digits per byte.
enum ByteaHex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `data` as `\x…`.
    static func encode(_ data: Data) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        bytes.reserveCapacity(2 + data.count * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of `\x…` text, or `nil` if it is not that format.
    static func decode(_ text: String) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            return nil
        }
        func nibble(_ character: UInt8) -> UInt8? { // `| 0x20` lowercases A-F; digits have that bit.
            if let index = digits.firstIndex(of: character | 0x20), character >= UInt8(ascii: "0") {
                return UInt8(index)
            }
            return nil
        }
        var data = Data(capacity: (utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }
}

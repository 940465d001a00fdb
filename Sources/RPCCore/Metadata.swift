/// Ordered key–value pairs sent as HTTP/2 headers (request and response headers, trailers).
///
/// Keys are lower-case (``append(_:forKey:)`` lower-cases ASCII letters); one key may appear
/// several times, and the order of pairs is kept. Keys ending in `-bin` carry binary values,
/// sent base64-encoded; every other key carries printable ASCII text.
/// Use ``validate()`` to check keys and values before sending.
public struct Metadata: Sendable, Hashable {
    /// One metadata value.
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        /// A text value (printable ASCII, 0x20–0x7E) for a key without the `-bin` suffix.
        case string(String)
        /// A binary value for a key ending in `-bin`.
        case binary([UInt8])

        /// The text itself, or the byte count of a binary value.
        public var description: String {
            switch self {
            case .string(let text): text
            case .binary(let bytes): "binary(\(bytes.count) bytes)"
            }
        }
    }

    /// One key–value pair.
    public struct Entry: Sendable, Hashable {
        /// The lower-case key.
        public var key: String
        /// The value.
        public var value: Value
    }

    @usableFromInline
    var entries: [Entry]

    /// Creates empty metadata.
    public init() {
        entries = []
    }

    /// Creates metadata from pairs, in order; keys are lower-cased.
    public init(_ pairs: [(String, Value)]) {
        entries = []
        entries.reserveCapacity(pairs.count)
        for (key, value) in pairs { append(value, forKey: key) }
    }

    /// The number of pairs.
    public var count: Int { entries.count }

    /// Whether there are no pairs.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a pair after the existing ones; the key is lower-cased.
    public mutating func append(_ value: Value, forKey key: String) {
        entries.append(Entry(key: Metadata.lowercased(key), value: value))
    }

    /// Adds a text pair after the existing ones.
    public mutating func append(_ text: String, forKey key: String) {
        append(.string(text), forKey: key)
    }

    /// Adds a binary pair after the existing ones.
    public mutating func append(_ bytes: [UInt8], forKey key: String) {
        append(.binary(bytes), forKey: key)
    }

    /// Adds every pair of `other`, in order, after the existing ones.
    public mutating func append(contentsOf other: Metadata) {
        entries.append(contentsOf: other.entries)
    }

    /// Removes every pair with `key`.
    public mutating func removeAll(forKey key: String) {
        let key = Metadata.lowercased(key)
        entries.removeAll { $0.key == key }
    }

    /// Every value for `key`, in order.
    public func values(forKey key: String) -> [Value] {
        let key = Metadata.lowercased(key)
        return entries.compactMap { $0.key == key ? $0.value : nil }
    }

    /// The first text value for `key`, if any.
    public func firstString(forKey key: String) -> String? {
        for case .string(let text) in values(forKey: key) { return text }
        return nil
    }

    /// The first binary value for `key`, if any.
    public func firstBinary(forKey key: String) -> [UInt8]? {
        for case .binary(let bytes) in values(forKey: key) { return bytes }
        return nil
    }

    /// Whether a key names a binary value (ends in `-bin`).
    public static func isBinaryKey(_ key: some StringProtocol) -> Bool {
        key.utf8.count > 4 && key.hasSuffix("-bin")
    }

    static func lowercased(_ key: String) -> String {
        key.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? key.lowercased() : key
    }
}

extension Metadata: RandomAccessCollection {
    /// The position of the first pair.
    public var startIndex: Int { entries.startIndex }
    /// The position after the last pair.
    public var endIndex: Int { entries.endIndex }
    /// The pair at `position`.
    public subscript(position: Int) -> Entry { entries[position] }
}

extension Metadata: ExpressibleByDictionaryLiteral {
    /// Creates metadata from a literal such as `["x-request-id": "42", "trace-bin": .binary([1])]`.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }
}

extension Metadata.Value: ExpressibleByStringInterpolation {
    /// Creates a text value from a string literal (interpolations included).
    public init(stringLiteral text: String) {
        self = .string(text)
    }
}

extension Metadata: CustomStringConvertible {
    /// `[key: value, …]` in order.
    public var description: String {
        "[" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}

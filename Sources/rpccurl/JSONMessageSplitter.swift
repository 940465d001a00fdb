/// Cuts a stream of concatenated JSON values (`{...} {...}`, one per line or not) into one
/// string per value, as bytes arrive, so each request can be sent as soon as it is complete.
struct JSONMessageSplitter {
    private var current: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Feeds bytes; returns every value they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var complete: [String] = []
        for byte in bytes {
            if depth == 0, !inString,
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x1E
            {
                continue
            }
            current.append(byte)
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 {
                    complete.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                    depth = 0
                }
            default: break
            }
        }
        return complete
    }

    /// What is left at the end of input: a value that never closed, or nil when nothing is left.
    var remainder: String? {
        current.isEmpty ? nil : String(decoding: current, as: UTF8.self)
    }
}

/// Cuts text-format messages apart at record separators (0x1E), as grpcurl does.
struct RecordSplitter {
    private var current: [UInt8] = []

    /// Feeds bytes; returns every message a separator completes.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var complete: [String] = []
        for byte in bytes {
            if byte == 0x1E {
                complete.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        return complete
    }

    /// The last message, unless only white space is left.
    var remainder: String? {
        current.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
            ? nil : String(decoding: current, as: UTF8.self)
    }
}

/// Request messages as text: from `-d` at once, or from standard input as they arrive.
enum RequestSource: Sendable {
    case text(String)
    case standardInput

    /// Each message in order (JSON values, or text-format records); an incomplete last one
    /// is yielded as is, for decoding to report.
    func values(format: MessageFormat) -> AsyncStream<String> {
        switch self {
        case .text(let text):
            var values: [String]
            switch format {
            case .json:
                var splitter = JSONMessageSplitter()
                values = splitter.feed(text.utf8)
                if let rest = splitter.remainder { values.append(rest) }
            case .text:
                var splitter = RecordSplitter()
                values = splitter.feed(text.utf8)
                values.append(splitter.remainder ?? "")
            }
            return AsyncStream { continuation in
                for value in values { continuation.yield(value) }
                continuation.finish()
            }
        case .standardInput:
            return format == .json
                ? StandardInput.values(JSONMessageSplitter()) : StandardInput.values(RecordSplitter())
        }
    }
}

/// Cuts a byte stream into messages.
protocol MessageSplitter: Sendable {
    /// Feeds bytes; returns the messages they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String]
    /// What is left at the end of input.
    var remainder: String? { get }
}

extension JSONMessageSplitter: MessageSplitter {}
extension RecordSplitter: MessageSplitter {}

import Foundation

/// The push file's line rules, without I/O: it is fed the file's bytes in chunks, from any
/// line boundary on, and hands back each complete line that decodes as a ``Push``.
///
/// A line is complete when its newline was fed. The scanner remembers where the last good
/// line ended (``goodEnd``); whatever follows it when the bytes run out, bad lines and an
/// unterminated fragment alike, is a torn tail that an appender cuts away. A bad line that is
/// followed by a good one is a ``PushFileCorruption`` instead, thrown when the good line
/// arrives. Memory is bounded: a line longer than ``maximumLineLength`` is not buffered, it
/// counts as bad.
struct PushLineScanner {
    /// One good line.
    struct Line {
        /// The push it holds.
        var push: Push
        /// Its bytes, without the newline.
        var bytes: [UInt8]
        /// Its number, counting from 1.
        var number: Int
        /// The offset just past its newline.
        var end: Int64
    }

    /// The longest line kept in memory to decode; push lines are a few hundred bytes.
    static let maximumLineLength = 1 << 20

    /// The offset just past the last good line's newline (where the scan began, before one).
    private(set) var goodEnd: Int64
    /// The offset of the next byte to feed.
    private(set) var position: Int64
    private let path: String
    private var lineNumber: Int
    private var lineStart: Int64
    private var pending: [UInt8] = []
    private var pendingIsTooLong = false
    private var firstBadLine: PushFileCorruption?
    private let decoder = JSONDecoder()

    /// A scanner for the file at `path`, to be fed from `offset`, the start of the line
    /// numbered `linesBefore + 1`.
    init(path: String, from offset: Int64 = 0, linesBefore: Int = 0) {
        self.path = path
        goodEnd = offset
        position = offset
        lineStart = offset
        lineNumber = linesBefore
    }

    /// Bytes fed after the last good line: a torn tail when the file ends here.
    var tailLength: Int64 { position - goodEnd }

    /// Feeds the next bytes of the file, calling `body` with each good line they complete.
    ///
    /// - Throws: ``PushFileCorruption`` when a good line follows a bad one; whatever `body` throws.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ body: (Line) throws -> Void) throws {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let rest = bytes[start...]
            guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else {
                keep(rest)
                position += Int64(rest.count)
                return
            }
            keep(bytes[start..<newline])
            position += Int64(newline - start + 1)
            start = newline + 1
            try endLine(body)
        }
    }

    private mutating func keep(_ bytes: Slice<UnsafeRawBufferPointer>) {
        guard !pendingIsTooLong else { return }
        if pending.count + bytes.count > Self.maximumLineLength {
            pendingIsTooLong = true
            pending = []
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func endLine(_ body: (Line) throws -> Void) throws {
        lineNumber += 1
        defer {
            lineStart = position
            pending.removeAll(keepingCapacity: pending.capacity <= 4096)
            pendingIsTooLong = false
        }
        let push: Push
        do {
            guard !pendingIsTooLong else { throw LineTooLong() }
            push = try decoder.decode(Push.self, from: Data(pending))
        } catch {
            if firstBadLine == nil {
                firstBadLine = PushFileCorruption(
                    path: path, lineNumber: lineNumber, byteOffset: lineStart, reason: Self.reason(error))
            }
            return
        }
        if let firstBadLine { throw firstBadLine }
        goodEnd = position
        try body(Line(push: push, bytes: pending, number: lineNumber, end: position))
    }

    private struct LineTooLong: Error {}

    /// What a person needs to find the fault in the line.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case is LineTooLong:
            return "longer than \(maximumLineLength) bytes"
        case DecodingError.keyNotFound(let key, _):
            return "no \"\(key.stringValue)\" field"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "field \"\(field)\": \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not JSON: \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

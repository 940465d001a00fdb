/// Why JSON could not be read as a message, and where: the JSON path of the value (such as
/// `.schedule.startTime` or `.tags[2]`) and its position in the text.
public struct JSONCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending value; empty for the top level.
    public let path: String
    /// The 1-based line of the offending value's first character; 0 for errors found while
    /// printing, which have no position in JSON text.
    public let line: Int
    /// The 1-based column (in UTF-8 bytes) of the offending value's first character.
    public let column: Int
    /// The byte offset of the offending value's first character.
    public let offset: Int
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(path: String, position: JSONPosition, message: String) {
        self.path = path
        self.line = position.line
        self.column = position.column
        self.offset = position.offset
        self.message = message
    }

    /// `line:column: at .path: message` (without `line:column:` for printing errors).
    public var description: String {
        let location = "at " + (path.isEmpty ? "top level" : path) + ": " + message
        return line == 0 ? location : "\(line):\(column): " + location
    }
}

/// A position in JSON text.
public struct JSONPosition: Sendable, Hashable {
    /// Byte offset from the start of the text.
    public let offset: Int
    /// 1-based line.
    public let line: Int
    /// 1-based column, in UTF-8 bytes.
    public let column: Int
}

/// A line of the push file that does not decode, with complete pushes after it.
///
/// A torn write (a crash or power loss in the middle of an append) only ever damages the end
/// of the file, and opening the file cuts such a tail away. A bad line with good lines after
/// it is something else (a damaged disk block, a hand edit): its key is unknown, so the file
/// is neither cut nor appended to past it, and the operator repairs or removes the line.
public struct PushFileCorruption: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// The bad line's number, counting from 1.
    public var lineNumber: Int
    /// The offset of the bad line's first byte.
    public var byteOffset: Int64
    /// Why the line is not a push.
    public var reason: String

    /// Creates the error for the line numbered `lineNumber`, starting at `byteOffset`.
    public init(path: String, lineNumber: Int, byteOffset: Int64, reason: String) {
        self.path = path
        self.lineNumber = lineNumber
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// `PATH:LINE: byte OFFSET: not a push (REASON), and complete pushes follow it`.
    public var description: String {
        "\(path):\(lineNumber): byte \(byteOffset): not a push (\(reason)), and complete pushes follow it;"
            + " repair or remove the line"
    }
}

/// Why proto-swift stops: lines printed to standard error (`file:line:col: message`).
struct ToolFailure: Error {
    /// The diagnostics, one per line.
    let lines: [String]

    /// A failure with one diagnostic.
    init(_ line: String) { lines = [line] }

    /// A failure with several diagnostics.
    init(lines: [String]) { self.lines = lines }
}

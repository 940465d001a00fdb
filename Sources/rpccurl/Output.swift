import Foundation

/// Writes rpccurl's output: results to stdout (flushed per line, so streamed responses show
/// as they arrive), diagnostics to stderr.
enum Output {
    /// True when stdout is a terminal: only then is output coloured.
    static let colours = isatty(STDOUT_FILENO) == 1

    /// Writes `line` and a newline to stdout.
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes `line` and a newline to stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `text` in bold when stdout is a terminal.
    static func bold(_ text: String) -> String {
        colours ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}

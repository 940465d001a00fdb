/// One problem found while compiling `.proto` files, located by file, line and column.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file's name as protoc names it: its path relative to the import path that found it.
    public let file: String
    /// 1-based line of the problem; 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column of the problem; 0 when the problem concerns the whole file.
    public let column: Int
    /// What is wrong, in protoc's words where protoc has words for it.
    public let message: String

    /// Creates a diagnostic; `line` and `column` are 1-based.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: message`, or `file: message` for a problem with the whole file.
    public var description: String {
        line == 0 ? "\(file): \(message)" : "\(file):\(line):\(column): \(message)"
    }
}

/// The error `ProtoCompiler.compile` throws: every diagnostic found before compilation stopped.
public struct ProtoCompileError: Error, CustomStringConvertible {
    /// The problems, in the order they were found.
    public let diagnostics: [Diagnostic]

    /// Creates an error carrying `diagnostics`.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A point in a source file, 0-based like protoc's source-code-info spans.
struct SourcePosition: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// Collects diagnostics for one file.
struct DiagnosticSink {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ message: String, at position: SourcePosition) {
        diagnostics.append(
            Diagnostic(file: file, line: position.line + 1, column: position.column + 1, message: message))
    }

    mutating func reportFile(_ message: String) {
        diagnostics.append(Diagnostic(file: file, line: 0, column: 0, message: message))
    }
}

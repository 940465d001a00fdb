/// Swift source text built line by line, with braces and indentation kept in step.
struct SwiftSource {
    /// The text so far.
    private(set) var text = ""
    private var depth = 0

    /// Appends one line at the current indentation (an empty line has no indentation).
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: depth) + content + "\n"
        }
    }

    /// Appends `header {`, the body one level deeper, and `}`.
    mutating func block(_ header: String, _ body: (inout SwiftSource) -> Void) {
        line(header + " {")
        depth += 1
        body(&self)
        depth -= 1
        line("}")
    }

    /// Appends `switch subject {`, the cases at the same depth (Swift's style), and `}`.
    mutating func switchBlock(_ subject: String, _ cases: (inout SwiftSource) -> Void) {
        line("switch \(subject) {")
        cases(&self)
        line("}")
    }

    /// Appends `///` lines for `comment`, or nothing when it is empty.
    mutating func docComment(_ comment: String?) {
        guard let comment else { return }
        var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        for text in lines {
            let trimmed = String(text.reversed().drop(while: \.isWhitespace).reversed())
            if trimmed.isEmpty {
                line("///")
            } else {
                line(trimmed.first == " " ? "///" + trimmed : "/// " + trimmed)
            }
        }
    }
}

extension SwiftSource {
    /// Appends `other`'s lines at the current indentation.
    mutating func append(_ other: SwiftSource) {
        for text in other.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            line(String(text))
        }
    }
}

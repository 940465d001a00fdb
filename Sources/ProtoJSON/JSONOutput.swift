/// A JSON value ready to print: objects keep member order, numbers are already text.
enum JSONOutput: Sendable {
    case object([(key: String, value: JSONOutput)])
    case array([JSONOutput])
    case string(String)
    /// A number, `true`, `false` or `null`, printed as is.
    case literal(String)

    /// Prints compactly (`{"a":1}`) or, when `indent` is given, one member per line with that
    /// many spaces per level and `": "` after keys, as grpcurl and Python's `json.dumps` do.
    func printed(indent: Int?) -> String {
        var text = ""
        print(into: &text, indent: indent, level: 0)
        return text
    }

    private func print(into text: inout String, indent: Int?, level: Int) {
        switch self {
        case let .literal(literal): text += literal
        case let .string(string): JSONOutput.appendQuoted(string, to: &text)
        case let .array(elements):
            guard !elements.isEmpty else {
                text += "[]"
                return
            }
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                JSONOutput.newline(&text, indent: indent, level: level + 1)
                element.print(into: &text, indent: indent, level: level + 1)
            }
            JSONOutput.newline(&text, indent: indent, level: level)
            text += "]"
        case let .object(members):
            guard !members.isEmpty else {
                text += "{}"
                return
            }
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                JSONOutput.newline(&text, indent: indent, level: level + 1)
                JSONOutput.appendQuoted(member.key, to: &text)
                text += indent == nil ? ":" : ": "
                member.value.print(into: &text, indent: indent, level: level + 1)
            }
            JSONOutput.newline(&text, indent: indent, level: level)
            text += "}"
        }
    }

    private static func newline(_ text: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        text += "\n"
        text += String(repeating: " ", count: indent * level)
    }

    /// Appends `string` quoted, escaping what JSON requires (quote, backslash, control
    /// characters); other characters, non-ASCII included, are written as they are.
    static func appendQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

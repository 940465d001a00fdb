/// The comments between two tokens, sorted as protoc sorts them.
struct TokenComments {
    var leading: String?
    var detached: [String] = []
    var trailing: String?
}

/// Reading comments, following protoc's tokenizer rule by rule so that source code info
/// carries the same leading, trailing and detached comments as protoc's.
extension Tokenizer {
    private var isSpaceNotNewline: Bool {
        guard let byte = current else { return false }
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x0b
            || byte == 0x0c
    }

    private var startsLineComment: Bool { current == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") }
    private var startsBlockComment: Bool { current == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") }

    private mutating func skipSpacesNotNewline() {
        while isSpaceNotNewline { advance() }
    }

    /// Reads the comments before the next token (whitespace included), leaving the tokenizer
    /// at the token.
    mutating func scanComments(isFirst: Bool) -> TokenComments {
        var collector = CommentCollector()
        let previousLine = line
        if isFirst {
            collector.canAttachToPrevious = false
        } else {
            // A comment on the previous token's line trails it.
            skipSpacesNotNewline()
            if startsLineComment {
                collector.addLineComment(readLineComment())
                collector.flush()
            } else if startsBlockComment {
                collector.addBlockComment(readBlockComment())
                skipSpacesNotNewline()
                guard current == UInt8(ascii: "\n") else {
                    // The next token shares the line: the comment belongs to neither.
                    skipWhitespaceAndComments()
                    return TokenComments()
                }
                advance()
                collector.flush()
            } else {
                guard current == UInt8(ascii: "\n") else {
                    skipWhitespaceAndComments()
                    return TokenComments()
                }
                advance()
            }
        }
        while true {
            skipSpacesNotNewline()
            if startsLineComment {
                collector.addLineComment(readLineComment())
            } else if startsBlockComment {
                collector.addBlockComment(readBlockComment())
                skipSpacesNotNewline()
                if current == UInt8(ascii: "\n") { advance() }
            } else if current == UInt8(ascii: "\n") {
                advance()
                collector.flush()
                collector.canAttachToPrevious = false
            } else {
                // At the next token. A comment before a closing bracket leads nothing.
                if current == nil || current == UInt8(ascii: "}") || current == UInt8(ascii: "]")
                    || current == UInt8(ascii: ")")
                {
                    collector.flush()
                }
                if current != nil && line == previousLine {
                    collector.detachLoneComment()
                }
                return TokenComments(
                    leading: collector.leading, detached: collector.detached, trailing: collector.trailing)
            }
        }
    }

    /// Reads `// text` and returns what follows the slashes, newline included.
    mutating func readLineComment() -> String {
        advance()
        advance()
        let begin = index
        while let byte = current, byte != UInt8(ascii: "\n") { advance() }
        if current != nil { advance() }
        return String(decoding: source[begin..<index], as: UTF8.self)
    }

    /// Reads `/* text */` and returns the text, with each later line's leading blanks and
    /// one `*` removed, as protoc records it.
    mutating func readBlockComment() -> String {
        let start = position
        advance()
        advance()
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                sink.report("End-of-file inside block comment.", at: position)
                sink.report("  Comment started here.", at: start)
                break
            }
            if byte == UInt8(ascii: "\n") {
                text.append(byte)
                advance()
                skipSpacesNotNewline()
                if current == UInt8(ascii: "*") {
                    advance()
                    if current == UInt8(ascii: "/") {
                        advance()
                        break
                    }
                }
            } else if byte == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                advance()
                advance()
                break
            } else {
                if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                    advance()
                    sink.report("\"/*\" inside block comment.  Block comments cannot be nested.", at: position)
                    text.append(byte)
                    continue
                }
                text.append(byte)
                advance()
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

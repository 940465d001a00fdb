/// Splits `.proto` source into tokens the way protoc's tokenizer does: identifiers, numbers,
/// string literals and single-character symbols, with tabs advancing to the next multiple of 8
/// columns, and comments attached to tokens as protoc attaches them.
struct Tokenizer {
    let source: [UInt8]
    var index = 0
    private(set) var line = 0
    private var column = 0
    var sink: DiagnosticSink

    init(source: [UInt8], sink: DiagnosticSink) {
        self.source = source
        self.sink = sink
    }

    /// Tokenizes the whole input; the last token is always `.end`. Each token carries the
    /// comments protoc would attach to it: leading, detached, and trailing.
    static func tokenize(_ source: [UInt8], file: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var tokenizer = Tokenizer(source: source, sink: DiagnosticSink(file: file))
        var tokens: [Token] = []
        while true {
            let comments = tokenizer.scanComments(isFirst: tokens.isEmpty)
            if let trailing = comments.trailing, !tokens.isEmpty {
                tokens[tokens.count - 1].trailingComment = trailing
            }
            var token = tokenizer.next()
            token.leadingComment = comments.leading
            token.detachedComments = comments.detached
            tokens.append(token)
            if token.kind == .end { break }
        }
        return (tokens, tokenizer.sink.diagnostics)
    }

    var current: UInt8? { index < source.count ? source[index] : nil }
    var position: SourcePosition { SourcePosition(line: line, column: column) }

    func peek(_ offset: Int) -> UInt8? {
        index + offset < source.count ? source[index + offset] : nil
    }

    mutating func advance() {
        guard let byte = current else { return }
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 0
        } else if byte == UInt8(ascii: "\t") {
            column += 8 - column % 8
        } else {
            column += 1
        }
    }

    private mutating func next() -> Token {
        skipWhitespaceAndComments()
        // Control characters are reported once per run and skipped, as protoc does.
        while let byte = current, byte < 0x20 {
            sink.report("Invalid control characters encountered in text.", at: position)
            while let control = current, control < 0x20, !isWhitespace(control) { advance() }
            skipWhitespaceAndComments()
        }
        let start = position
        guard let byte = current else {
            return Token(kind: .end, text: "", start: start, end: start)
        }
        var token: Token
        if byte.isLetter || byte == UInt8(ascii: "_") {
            token = Token(
                kind: .identifier, text: consumeWhile { $0.isLetter || $0.isDigit || $0 == UInt8(ascii: "_") },
                start: start, end: start)
        } else if byte.isDigit || (byte == UInt8(ascii: ".") && peek(1)?.isDigit == true) {
            token = readNumber(start: start)
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            token = readString(quote: byte, start: start)
        } else {
            if byte >= 0x80 {
                sink.report("Interpreting non ascii codepoint \(byte).", at: start)
            }
            advance()
            token = Token(kind: .symbol, text: String(decoding: [byte], as: UTF8.self), start: start, end: start)
        }
        token.end = position
        return token
    }

    func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == 0x0b || byte == 0x0c
    }

    mutating func consumeWhile(_ predicate: (UInt8) -> Bool) -> String {
        let begin = index
        while let byte = current, predicate(byte) { advance() }
        return String(decoding: source[begin..<index], as: UTF8.self)
    }

    mutating func skipWhitespaceAndComments() {
        while let byte = current {
            if isWhitespace(byte) {
                advance()
            } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                _ = readLineComment()
            } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                _ = readBlockComment()
            } else {
                return
            }
        }
    }
}

extension UInt8 {
    var isLetter: Bool { (self >= 0x61 && self <= 0x7a) || (self >= 0x41 && self <= 0x5a) }
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self >= 0x61 && self <= 0x66) || (self >= 0x41 && self <= 0x46) }
}

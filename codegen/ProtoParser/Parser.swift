/// A syntax error. The parser records it, skips the statement it is in (as protoc does) and
/// goes on, so one run reports every independent syntax error.
struct SyntaxError: Error {
    var message: String
    var position: SourcePosition
}

/// A recursive-descent parser for proto2 and proto3 files, producing a `FileNode`.
///
/// Recursion (nested messages, groups, aggregate option values) is bounded by `maximumDepth`
/// so hostile input cannot exhaust the stack.
struct Parser {
    static let maximumDepth = 64

    var tokens: [Token]
    var index = 0
    var depth = 0
    var file: FileNode
    var errors: [SyntaxError] = []

    init(tokens: [Token], fileName: String) {
        self.tokens = tokens
        self.file = FileNode(name: fileName)
    }

    /// Parses `source` into a syntax tree, or returns the diagnostics that stopped it.
    static func parse(_ source: [UInt8], fileName: String) -> Result<FileNode, ProtoCompileError> {
        let (tokens, lexical) = Tokenizer.tokenize(source, file: fileName)
        var parser = Parser(tokens: tokens, fileName: fileName)
        do {
            try parser.parseFile()
        } catch {
            parser.errors.append(error)
        }
        guard !parser.errors.isEmpty || !lexical.isEmpty else { return .success(parser.file) }
        let syntactic = parser.errors.map { error in
            Diagnostic(
                file: fileName, line: error.position.line + 1, column: error.position.column + 1, message: error.message
            )
        }
        // Protoc reports a token's problems when it reads the token, so merge by position.
        let merged = (lexical + syntactic).enumerated().sorted { left, right in
            (left.element.line, left.element.column, left.offset) < (
                right.element.line, right.element.column, right.offset
            )
        }
        return .failure(ProtoCompileError(diagnostics: merged.map(\.element)))
    }

    /// Runs `parse` for one statement; on a syntax error records it and skips the rest of the
    /// statement: up to a `;`, past a `{ ... }` block, or up to the `}` closing the enclosing block.
    /// Returns whether the statement parsed.
    @discardableResult
    mutating func recovering(_ parse: (inout Parser) throws(SyntaxError) -> Void) -> Bool {
        do {
            try parse(&self)
            return true
        } catch {
            errors.append(error)
            skipStatement()
            return false
        }
    }

    private mutating func skipStatement() {
        var depth = 0
        while current.kind != .end {
            if current.isSymbol("{") {
                depth += 1
            } else if current.isSymbol("}") {
                if depth == 0 { return }
                depth -= 1
                if depth == 0 {
                    advance()
                    return
                }
            } else if current.isSymbol(";") && depth == 0 {
                advance()
                return
            }
            advance()
        }
    }

    // MARK: Token access

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(index - 1, 0)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, position: current.start)
    }

    mutating func consume(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: String) throws(SyntaxError) {
        guard consume(symbol) else { throw error("Expected \"\(symbol)\".") }
    }

    mutating func consumeKeyword(_ word: String) -> Bool {
        guard current.isKeyword(word) else { return false }
        advance()
        return true
    }

    mutating func expectIdentifier(_ what: String = "identifier") throws(SyntaxError) -> String {
        guard current.kind == .identifier else { throw error("Expected \(what).") }
        defer { advance() }
        return current.text
    }

    /// One or more adjacent string literals, concatenated.
    mutating func expectString() throws(SyntaxError) -> [UInt8] {
        guard current.kind == .string else { throw error("Expected string.") }
        var bytes: [UInt8] = []
        while current.kind == .string {
            bytes += current.bytes
            advance()
        }
        return bytes
    }

    /// An integer literal's value; `limit` bounds it (protoc's "Integer out of range.").
    mutating func expectInteger(_ what: String = "integer", limit: UInt64 = UInt64.max) throws(SyntaxError) -> UInt64 {
        guard current.kind == .integer else { throw error("Expected \(what).") }
        guard let value = Parser.integerValue(current.text), value <= limit else {
            throw error("Integer out of range.")
        }
        advance()
        return value
    }

    /// Decodes decimal, `0x` hex and leading-zero octal literals; nil on overflow.
    static func integerValue(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.count > 1 && text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text, radix: 10)
    }

    /// A possibly negative integer within `Int32`, as enum values take.
    mutating func expectSignedInt32() throws(SyntaxError) -> Int64 {
        let negative = consume("-")
        let magnitude = try expectInteger(limit: negative ? UInt64(Int32.max) + 1 : UInt64(Int32.max))
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// A type name such as `foo.Bar` or `.foo.Bar`, dots and identifiers as separate tokens.
    mutating func parseTypeName() throws(SyntaxError) -> String {
        var name = ""
        if consume(".") { name = "." }
        guard current.kind == .identifier else { throw error("Expected type name.") }
        name += current.text
        advance()
        while consume(".") {
            name += "." + (try expectIdentifier())
        }
        return name
    }

    mutating func enterNesting() throws(SyntaxError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw error("Nesting is deeper than \(Parser.maximumDepth) levels.")
        }
    }

    /// The span from `start` to the last token read; the trailing comment is the one after
    /// `head` (a declaration's opening `{`), or after the last token (its `;`).
    func span(from start: Token, head: Token? = nil) -> Span {
        Span(
            start: start.start, end: previous.end, leadingComment: start.leadingComment,
            detachedComments: start.detachedComments, trailingComment: (head ?? previous).trailingComment)
    }

    /// Reads `{` and returns it, for the trailing comment that follows it.
    mutating func expectOpenBrace() throws(SyntaxError) -> Token {
        let brace = current
        try expect("{")
        return brace
    }

    // MARK: File level

    mutating func parseFile() throws(SyntaxError) {
        let first = current
        if current.isKeyword("syntax") {
            advance()
            try expect("=")
            let syntaxStart = current.start
            let value = String(decoding: try expectString(), as: UTF8.self)
            switch value {
            case "proto2": file.isProto3 = false
            case "proto3": file.isProto3 = true
            default:
                throw SyntaxError(
                    message:
                        "Unrecognized syntax identifier \"\(value)\".  This parser only recognizes \"proto2\" and \"proto3\".",
                    position: syntaxStart)
            }
            try expect(";")
        }
        while current.kind != .end {
            let parsed = recovering { parser throws(SyntaxError) in try parser.parseTopLevelStatement() }
            if !parsed && current.isSymbol("}") {
                errors.append(error("Unmatched \"}\"."))
                advance()
            }
        }
        file.span = Span(start: first.start, end: previous.end, leadingComment: nil)
    }

    mutating func parseTopLevelStatement() throws(SyntaxError) {
        let start = current
        if consume(";") { return }
        if consumeKeyword("message") {
            file.messages.append(try parseMessage(start: start))
        } else if consumeKeyword("enum") {
            file.enums.append(try parseEnum(start: start))
        } else if consumeKeyword("service") {
            file.services.append(try parseService(start: start))
        } else if consumeKeyword("extend") {
            var messages = file.messages
            file.extensions += try parseExtend(start: start, into: &messages)
            file.messages = messages
        } else if consumeKeyword("import") {
            try parseImport(start: start)
        } else if consumeKeyword("package") {
            guard file.package == nil else {
                throw SyntaxError(message: "Multiple package definitions.", position: start.start)
            }
            file.packageStart = start.start
            var name = try expectIdentifier()
            while consume(".") { name += "." + (try expectIdentifier()) }
            file.package = name
            try expect(";")
        } else if consumeKeyword("option") {
            file.options.append(try parseOptionStatement())
        } else {
            throw error("Expected top-level statement (e.g. \"message\").")
        }
    }

    mutating func parseImport(start: Token) throws(SyntaxError) {
        var kind = ImportNode.Kind.plain
        if consumeKeyword("public") {
            kind = .public
        } else if consumeKeyword("weak") {
            kind = .weak
        }
        guard current.kind == .string else { throw error("Expected a string naming the file to import.") }
        let path = String(decoding: try expectString(), as: UTF8.self)
        try expect(";")
        file.imports.append(ImportNode(path: path, kind: kind, start: start.start))
    }
}

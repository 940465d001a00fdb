/// The kinds of token the `.proto` tokenizer produces.
enum TokenKind: Equatable {
    case identifier
    case integer
    case float
    case string
    case symbol
    case end
}

/// One token with where it starts and ends, and the comment block that leads it.
struct Token {
    var kind: TokenKind
    /// The source text: an identifier, a number as written, or a one-character symbol.
    var text: String
    /// The decoded bytes of a string literal (escapes resolved).
    var bytes: [UInt8] = []
    var start: SourcePosition
    var end: SourcePosition
    /// The comment block directly above the token (not a trailing comment of the token before).
    var leadingComment: String?
    /// Comment blocks before the token that are separated from it by blank lines.
    var detachedComments: [String] = []
    /// The comment right after the token, on its line or the next lines before a blank line.
    var trailingComment: String?

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text == word
    }
}

/// Sorts the comments between two tokens the way protoc's tokenizer does: a comment right
/// after the previous token trails it; comment blocks cut off by blank lines are detached;
/// the block touching the next token leads it.
struct CommentCollector {
    private var buffer = ""
    private var hasComment = false
    private var isLineComment = false
    private var flushedCount = 0
    /// Whether the next flushed block may still become the previous token's trailing comment.
    var canAttachToPrevious = true
    private(set) var trailing: String?
    private(set) var detached: [String] = []

    /// Starts or continues a run of `//` lines; a block comment before it is flushed first.
    mutating func addLineComment(_ text: String) {
        if hasComment && !isLineComment { flush() }
        hasComment = true
        isLineComment = true
        buffer += text
    }

    /// A `/* */` comment always starts a block of its own.
    mutating func addBlockComment(_ text: String) {
        if hasComment { flush() }
        hasComment = true
        isLineComment = false
        buffer += text
    }

    /// Ends the current block: it trails the previous token if it still may, else it is detached.
    mutating func flush() {
        guard hasComment else { return }
        if canAttachToPrevious {
            trailing = buffer
            canAttachToPrevious = false
        } else {
            detached.append(buffer)
        }
        clear()
        flushedCount += 1
    }

    /// Forgets the current block.
    mutating func clear() {
        buffer = ""
        hasComment = false
    }

    /// With the previous token on the same line as the next one, a lone comment belongs to
    /// neither: it is detached.
    mutating func detachLoneComment() {
        guard flushedCount + (hasComment ? 1 : 0) == 1 else { return }
        if let trailing {
            detached.insert(trailing, at: 0)
            self.trailing = nil
        }
        canAttachToPrevious = false
        flush()
    }

    /// The block still open when the next token arrives: its leading comment.
    var leading: String? { hasComment ? buffer : nil }
}

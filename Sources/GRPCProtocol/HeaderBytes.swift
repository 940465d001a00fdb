/// Header names and values as nghttp2 hands them over: borrowed bytes.
enum HeaderBytes {
    /// The bytes as a string (invalid UTF-8 becomes U+FFFD, so a bad value never traps).
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension HeaderField {
    /// A header field from borrowed bytes (invalid UTF-8 becomes U+FFFD).
    public init(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        self.init(HeaderBytes.string(name), HeaderBytes.string(value))
    }
}

extension ClientResponseStateMachine {
    /// Takes one header field given as borrowed bytes (from nghttp2's `on_header` callback).
    public mutating func receiveHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard !isFinished else { return }
        block.receive(name: name, value: value)
    }
}

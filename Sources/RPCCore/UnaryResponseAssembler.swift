/// Checks a unary response's parts in the order gRPC requires and assembles them.
public struct UnaryResponseAssembler: Sendable {
    /// A complete unary response: the headers' metadata, the message's bytes, the trailers.
    public typealias Response = (metadata: Metadata, message: [UInt8], trailers: Metadata)

    private var metadata: Metadata?
    private var message: [UInt8]?

    /// The error for a response that ended without a status.
    public static let endedWithoutStatus = RPCError(code: .internal, message: "the response ended without a status")

    /// Creates an assembler expecting the response headers.
    public init() {}

    /// Whether the response headers have arrived; an error after them is marked
    /// ``RPCError/responseStarted``.
    public var receivedHeaders: Bool { metadata != nil }

    /// Takes the next part; returns the whole response once an OK status arrives.
    ///
    /// - Throws: the call's ``RPCError`` for another status; INTERNAL for a message before the
    ///   headers, a second header block, a second message, or an OK status without a message.
    public mutating func take(_ part: ResponsePart) throws(RPCError) -> Response? {
        guard let metadata else {
            switch try ResponseHead(first: part) {
            case .headers(let received):
                metadata = received
                return nil
            case .finished(let status, let trailers):
                throw RPCError(status: status, metadata: trailers)
                    ?? RPCError(
                        code: .internal, message: "the server ended a unary call with OK but no message",
                        metadata: trailers)
            }
        }
        do throws(RPCError) {
            return try takeBody(part, metadata)
        } catch {
            var error = error
            error.responseStarted = true
            throw error
        }
    }

    /// Takes a part after the headers.
    private mutating func takeBody(_ part: ResponsePart, _ metadata: Metadata) throws(RPCError) -> Response? {
        switch try ResponseBodyPart(after: part) {
        case .message(let bytes):
            guard message == nil else {
                throw RPCError(code: .internal, message: "the server sent more than one message in a unary response")
            }
            message = bytes
            return nil
        case .end(let status, let trailers):
            if let error = RPCError(status: status, metadata: trailers) { throw error }
            guard let message else {
                throw RPCError(
                    code: .internal, message: "the server ended a unary response without a message", metadata: trailers)
            }
            return (metadata, message, trailers)
        }
    }
}

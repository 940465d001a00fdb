/// A request sequence that hands over a whole unary request in one step: its metadata and its
/// only message, once the client has ended the stream.
///
/// Every server transport's request sequence is one (``ServerTransport/Inbound``). The default
/// implementation reads the parts one by one; a transport whose parts are usually all there by
/// the time the handler runs implements it to take them without an await per part.
public protocol UnaryRequestReading: AsyncSequence, Sendable where Element == RequestPart, Failure == RPCError {
    /// Reads the request: the metadata, exactly one message, the client's end of stream.
    ///
    /// - Throws: ``RPCError``: ``RPCError/requestWithoutMessage`` or
    ///   ``RPCError/requestWithExtraMessage`` (INTERNAL) for anything but one message, INTERNAL
    ///   for parts out of order, or the error iterating the parts would throw.
    nonisolated(nonsending) func readUnaryRequest() async throws(RPCError) -> (metadata: Metadata, message: [UInt8])
}

extension UnaryRequestReading {
    /// Reads the request part by part through the sequence's iterator.
    public nonisolated(nonsending) func readUnaryRequest() async throws(RPCError) -> (metadata: Metadata, message: [UInt8]) {
        var parts = makeAsyncIterator()
        let metadata: Metadata
        switch try await parts.next(isolation: #isolation) {
        case .metadata(let received): metadata = received
        case .message: throw RPCError(code: .internal, message: "a request message arrived before the request metadata")
        case nil: throw RPCError(code: .internal, message: "the request ended before its metadata")
        }
        var message: [UInt8]?
        while let part = try await parts.next(isolation: #isolation) {
            guard case .message(let bytes) = part else {
                throw RPCError(code: .internal, message: "a second request metadata part arrived")
            }
            guard message == nil else { throw RPCError.requestWithExtraMessage }
            message = bytes
        }
        guard let message else { throw RPCError.requestWithoutMessage }
        return (metadata, message)
    }
}

extension RPCError {
    /// A unary or server-streaming request ended without its message.
    public static let requestWithoutMessage = RPCError(code: .internal, message: "the client ended the request without a message")
    /// A unary or server-streaming request carried more than one message.
    public static let requestWithExtraMessage = RPCError(code: .internal, message: "the client sent more than one request message")
}

/// A request sequence that hands over a whole unary request in one step: its metadata and its
/// only message, once the client has ended the stream. The HTTP/2 transport's, whose parts are
/// usually all there by the time the handler runs, so it takes them without an await per part.
///
/// Package-only: a transport outside the package offers its request parts as an
/// `AsyncSequence` alone, and a unary request is then read part by part.
@usableFromInline
package protocol UnaryRequestReading: AsyncSequence, Sendable where Element == RequestPart, Failure == RPCError {
    /// Reads the request: the metadata, exactly one message, the client's end of stream.
    ///
    /// - Throws: as ``AsyncSequence/readUnaryRequest()``.
    nonisolated(nonsending) func readWholeUnaryRequest() async throws(RPCError) -> (
        metadata: Metadata, message: [UInt8]
    )
}

extension AsyncSequence where Self: Sendable, Element == RequestPart, Failure == RPCError {
    /// Reads a unary request: the metadata, exactly one message, the client's end of stream;
    /// in one step from an ``UnaryRequestReading`` sequence, otherwise part by part.
    ///
    /// Asks the sequence's type, not the sequence, so that no existential copy of it is made;
    /// once the caller is specialised for the transport, the casts cost nothing.
    ///
    /// - Throws: ``RPCError``: ``RPCError/requestWithoutMessage`` or
    ///   ``RPCError/requestWithExtraMessage`` (INTERNAL) for anything but one message, INTERNAL
    ///   for parts out of order, or the error iterating the parts would throw.
    @inlinable
    package nonisolated(nonsending) func readUnaryRequest() async throws(RPCError) -> (
        metadata: Metadata, message: [UInt8]
    ) {
        if let wholeType = Self.self as? any UnaryRequestReading.Type { return try await readWhole(as: wholeType) }
        return try await readUnaryRequestPartByPart()
    }

    /// ``UnaryRequestReading/readWholeUnaryRequest()`` on this sequence, whose type is `Whole`.
    @inlinable
    nonisolated(nonsending) func readWhole<Whole: UnaryRequestReading>(as _: Whole.Type) async throws(RPCError) -> (
        metadata: Metadata, message: [UInt8]
    ) {
        try await (self as! Whole).readWholeUnaryRequest()
    }

    /// Reads a unary request part by part through the sequence's iterator.
    @usableFromInline
    package nonisolated(nonsending) func readUnaryRequestPartByPart() async throws(RPCError) -> (
        metadata: Metadata, message: [UInt8]
    ) {
        var parts = makeAsyncIterator()
        let metadata = try RequestPart.metadata(first: try await parts.next(isolation: #isolation))
        guard let message = try RequestPart.message(next: try await parts.next(isolation: #isolation)) else {
            throw RPCError.requestWithoutMessage
        }
        guard try RequestPart.message(next: try await parts.next(isolation: #isolation)) == nil else {
            throw RPCError.requestWithExtraMessage
        }
        return (metadata, message)
    }
}

extension RequestPart {
    /// The metadata a request begins with, from its first part.
    ///
    /// - Throws: INTERNAL when the request began with a message or ended at once.
    @inlinable
    static func metadata(first part: RequestPart?) throws(RPCError) -> Metadata {
        switch part {
        case .metadata(let metadata): return metadata
        case .message: throw RPCError(code: .internal, message: "a request message arrived before the request metadata")
        case nil: throw RPCError(code: .internal, message: "the request ended before its metadata")
        }
    }

    /// A message after the metadata, from a later part; nil at the end of the request.
    ///
    /// - Throws: INTERNAL for a second metadata part.
    @inlinable
    static func message(next part: RequestPart?) throws(RPCError) -> [UInt8]? {
        switch part {
        case .message(let bytes): return bytes
        case .metadata: throw RPCError(code: .internal, message: "a second request metadata part arrived")
        case nil: return nil
        }
    }
}

extension RPCError {
    /// A unary or server-streaming request ended without its message.
    public static let requestWithoutMessage = RPCError(
        code: .internal, message: "the client ended the request without a message")
    /// A unary or server-streaming request carried more than one message.
    public static let requestWithExtraMessage = RPCError(
        code: .internal, message: "the client sent more than one request message")
}

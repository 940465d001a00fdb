import ProtoCodec

/// How a response began: with headers, or directly with its final status (Trailers-Only).
@usableFromInline
enum ResponseHead: Sendable {
    case headers(Metadata)
    case finished(Status, Metadata)

    /// How the response began, from its first part.
    ///
    /// - Throws: INTERNAL for a message before the headers.
    @inlinable
    init(first part: ResponsePart) throws(RPCError) {
        switch part {
        case .metadata(let metadata): self = .headers(metadata)
        case .status(let status, let metadata): self = .finished(status, metadata)
        case .message:
            throw RPCError(code: .internal, message: "a response message arrived before the response headers")
        }
    }
}

/// A part after the response headers: a message, or the status and trailers that end it.
@usableFromInline
enum ResponseBodyPart: Sendable {
    case message([UInt8])
    case end(Status, Metadata)

    /// The part `part` is, after the headers.
    ///
    /// - Throws: INTERNAL for a second block of headers.
    @inlinable
    init(after part: ResponsePart) throws(RPCError) {
        switch part {
        case .message(let bytes): self = .message(bytes)
        case .status(let status, let metadata): self = .end(status, metadata)
        case .metadata: throw RPCError(code: .internal, message: "a second block of response headers arrived")
        }
    }
}

/// Reads a transport's response parts in the order a response must follow.
@usableFromInline
struct ResponseReader<Inbound: AsyncSequence<ResponsePart, RPCError>> {
    @usableFromInline
    var iterator: Inbound.AsyncIterator

    @inlinable
    init(_ inbound: Inbound) {
        iterator = inbound.makeAsyncIterator()
    }

    /// The next part; a response ending without a status is INTERNAL.
    @inlinable
    nonisolated(nonsending) mutating func next() async throws(RPCError) -> ResponsePart {
        guard let part = try await iterator.next(isolation: #isolation) else {
            throw UnaryResponseAssembler.endedWithoutStatus
        }
        return part
    }

    /// The response headers, or the status of a Trailers-Only response.
    @inlinable
    nonisolated(nonsending) mutating func readHead() async throws(RPCError) -> ResponseHead {
        try ResponseHead(first: try await next())
    }

    /// The next message, or `nil` after an OK status (whose trailers it returns in
    /// `trailers`).
    ///
    /// - Throws: the call's ``RPCError`` for a non-OK status; INTERNAL for a second header
    ///   block or a message that does not decode.
    @inlinable
    nonisolated(nonsending) mutating func readMessage<Message: ProtoCodec.Message>(
        _ type: Message.Type, trailers: inout Metadata
    ) async throws(RPCError) -> Message? {
        switch try ResponseBodyPart(after: try await next()) {
        case .message(let bytes): return try decode(Message.self, from: bytes)
        case .end(let status, let metadata):
            trailers = metadata
            if let error = RPCError(status: status, metadata: metadata) { throw error }
            return nil
        }
    }
}

/// Decodes a message, turning a decoding failure into INTERNAL.
@inlinable
func decode<Message: ProtoCodec.Message>(_ type: Message.Type, from bytes: [UInt8]) throws(RPCError) -> Message {
    do throws(ProtoDecodingError) {
        return try Message(serializedBytes: bytes)
    } catch {
        throw RPCError(code: .internal, message: "failed to decode \(Message.protoMessageName): \(error)", cause: error)
    }
}

/// Holds an iterator for a sequence handed across a `Sendable` boundary.
///
/// Safe because the sequences built on it are documented as iterated once, by one task at a
/// time: the box is never used concurrently.
@usableFromInline
final class IteratorBox<Iterator>: @unchecked Sendable {
    @usableFromInline var iterator: Iterator

    @usableFromInline
    init(_ iterator: Iterator) {
        self.iterator = iterator
    }
}

import RPCCore

/// The server's view of one stream: request headers and DATA in, response parts out.
///
/// Inbound: header fields one at a time, ``endRequestHeaders()`` (accept or reject), then
/// DATA with ``receiveData(_:)`` and the client's END_STREAM with ``receiveEndOfStream()``.
/// Outbound: ``send(_:)`` for each response part the handler writes, which says what frame to
/// send (a status before any headers becomes Trailers-Only).
public struct ServerStreamStateMachine: Sendable {
    private enum Inbound: Sendable {
        case awaitingHeaders
        case receivingMessages
        case closed
    }

    private enum Outbound: Sendable {
        case idle
        case headersSent
        case closed
    }

    private var inbound = Inbound.awaitingHeaders
    // Kept outside the enum so each header field mutates it in place, without a copy; nil
    // once the headers are parsed (or the transport parsed them), so it costs nothing after.
    private var parser: ServerRequestHeadParser? = ServerRequestHeadParser()
    private var outbound = Outbound.idle
    private var deframer: MessageDeframer
    private let compression: CompressionConfiguration
    private var clientAcceptedEncodings = AcceptedEncodings()

    /// The encoding of the response messages, fixed when the response headers are sent:
    /// `identity` until then.
    public private(set) var responseEncoding = CompressionAlgorithm.identity

    /// Creates a state machine accepting request messages up to `maxReceiveMessageSize` bytes,
    /// in the encodings `compression` enables.
    public init(
        maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize,
        compression: CompressionConfiguration = CompressionConfiguration()
    ) {
        deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
        self.compression = compression
    }

    /// Takes what an accepted request's headers say about compression, when the transport
    /// parsed them itself rather than through ``endRequestHeaders()``.
    public mutating func accept(_ head: ServerRequestHead) {
        parser = nil
        deframer.setEncoding(head.encoding == .identity ? nil : head.encoding.name)
        clientAcceptedEncodings = head.acceptedEncodings
    }

    /// Whether the request message most recently returned arrived compressed.
    public var lastMessageWasCompressed: Bool { deframer.lastMessageWasCompressed }

    /// Takes one field of the request's header block; fields of any later block (gRPC
    /// clients send no trailers) are ignored.
    public mutating func receiveHeader(name: String, value: String) {
        guard case .awaitingHeaders = inbound else { return }
        parser?.receive(name: name, value: value)
    }

    /// Takes one header field given as borrowed bytes (from nghttp2's `on_header` callback).
    public mutating func receiveHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard case .awaitingHeaders = inbound else { return }
        parser?.receive(name: name, value: value)
    }

    /// Ends the request header block. On success the transport starts the handler with
    /// ``ServerRequestHead/metadata`` as the first request part; on failure it answers with
    /// the rejection (and the stream is over in both directions).
    public mutating func endRequestHeaders() -> Result<ServerRequestHead, RequestRejection> {
        guard case .awaitingHeaders = inbound, let parser else {
            return .failure(.reset(.protocolError, message: "second request header block"))
        }
        let result = parser.finish(compression: compression)
        self.parser = nil
        switch result {
        case .success(let head):
            inbound = .receivingMessages
            accept(head)
        case .failure:
            inbound = .closed
            outbound = .closed
        }
        return result
    }

    /// Consumes DATA bytes from the front of `chunk` and returns the next complete request
    /// message, or `nil` once `chunk` is used up.
    ///
    /// - Throws: ``RPCError``: INTERNAL for DATA outside the message phase or a compressed or
    ///   malformed prefix; RESOURCE_EXHAUSTED for a message over the limit. The transport
    ///   fails the handler's inbound with it; the handler's status then ends the stream.
    public mutating func receiveData(_ chunk: inout UnsafeRawBufferPointer) throws(RPCError) -> [UInt8]? {
        guard case .receivingMessages = inbound else {
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            throw RPCError(code: .internal, message: "request DATA outside the message phase")
        }
        do throws(RPCError) {
            return try deframer.nextMessage(from: &chunk)
        } catch {
            inbound = .closed
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            throw error
        }
    }

    /// Every request message a DATA chunk given as an array completes.
    public mutating func receiveData(_ bytes: [UInt8]) throws(RPCError) -> [[UInt8]] {
        guard case .receivingMessages = inbound else {
            throw RPCError(code: .internal, message: "request DATA outside the message phase")
        }
        do throws(RPCError) {
            return try deframer.messages(in: bytes)
        } catch {
            inbound = .closed
            throw error
        }
    }

    /// The client ended its request stream (END_STREAM).
    ///
    /// - Throws: ``RPCError`` with INTERNAL when it ended in the middle of a message.
    public mutating func receiveEndOfStream() throws(RPCError) {
        guard case .receivingMessages = inbound else { return }
        inbound = .closed
        try deframer.checkEndOfStream()
    }

    /// Whether the server's `grpc-accept-encoding` is ``ServerHeaderBlock/everyEncoding``
    /// (checked without building it).
    private var enablesEveryEncoding: Bool {
        var others = compression.enabledAlgorithms.lazy.filter { $0 != .identity }.makeIterator()
        return others.next() == .gzip && others.next() == .deflate && others.next() == nil
    }

    /// What to send for one response part the handler wrote.
    public enum Send: Sendable, Hashable {
        /// Send a HEADERS frame with this block (the response headers).
        case headers(ServerHeaderBlock)
        /// Send the message as DATA, framed by ``MessageFramer``.
        case message
        /// Send a HEADERS frame with this block and END_STREAM (trailers, or a whole
        /// Trailers-Only response when it ``ServerHeaderBlock/beginsResponse``); the stream is over.
        case endOfStream(ServerHeaderBlock)
    }

    /// The frame to send for `part`. For the response headers, `requestedEncoding` (what the
    /// handler asked for) becomes ``responseEncoding`` when the server enables it and the
    /// client's `grpc-accept-encoding` lists it; otherwise responses go uncompressed.
    ///
    /// - Throws: ``RPCError`` with INTERNAL for parts out of order: metadata twice, a message
    ///   before metadata, anything after the status.
    public mutating func send(_ part: ResponsePart, requestedEncoding: CompressionAlgorithm = .identity) throws(RPCError) -> Send {
        switch (outbound, part) {
        case (.idle, .metadata(let metadata)):
            outbound = .headersSent
            guard requestedEncoding != .identity, compression.accepts(requestedEncoding),
                clientAcceptedEncodings.contains(requestedEncoding)
            else {
                return .headers(metadata.isEmpty ? .plainResponseHeaders : .fields(ServerResponseHeaders.headers(metadata: metadata)))
            }
            responseEncoding = requestedEncoding
            if metadata.isEmpty, enablesEveryEncoding {
                return .headers(.compressedResponseHeaders(responseEncoding))
            }
            return .headers(
                .fields(
                    ServerResponseHeaders.headers(
                        metadata: metadata, encoding: responseEncoding, acceptEncoding: compression.acceptEncodingHeader)))
        case (.idle, .status(let status, let metadata)):
            outbound = .closed
            return .endOfStream(.fields(ServerResponseHeaders.trailersOnly(status: status, metadata: metadata)))
        case (.headersSent, .message):
            return .message
        case (.headersSent, .status(let status, let metadata)):
            outbound = .closed
            if status.code == .ok, status.message.isEmpty, metadata.isEmpty { return .endOfStream(.okTrailers) }
            return .endOfStream(.fields(ServerResponseHeaders.trailers(status: status, metadata: metadata)))
        case (.idle, .message):
            throw RPCError(code: .internal, message: "response message written before response metadata")
        case (.headersSent, .metadata):
            throw RPCError(code: .internal, message: "response metadata written twice")
        case (.closed, _):
            throw RPCError(code: .internal, message: "response part written after the status")
        }
    }
}

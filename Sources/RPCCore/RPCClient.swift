import Logging
import ProtoCodec

/// Makes typed RPCs over a client transport; generated client stubs call its four methods.
///
/// Each call resolves its deadline (``CallOptions/timeout`` from the call's start) and fails
/// with DEADLINE_EXCEEDED when it passes; cancelling the calling task ends the call with
/// CANCELLED and resets the stream, so the server sees the cancellation too.
public struct RPCClient<Transport: ClientTransport>: Sendable {
    /// The transport calls go through.
    public let transport: Transport
    /// Where call events are logged (debug: start and end of calls; trace: messages).
    public let logger: Logger
    /// The interceptors every call of a method in their scope runs through, the first outermost.
    public let interceptors: [ScopedInterceptor<any ClientInterceptor>]

    /// Creates a client whose calls run through `interceptors` (in order, the first
    /// outermost); its transport must be running (see ``runConnections()``) for calls to
    /// proceed.
    public init(
        transport: Transport, interceptors: [any ClientInterceptor] = [],
        logger: Logger = Logger(label: "rpc.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.init(transport: transport, scopedInterceptors: interceptors.map { ScopedInterceptor($0) }, logger: logger)
    }

    /// Creates a client whose calls run through the interceptors whose scope contains their
    /// method (in order, the first outermost).
    public init(
        transport: Transport, scopedInterceptors: [ScopedInterceptor<any ClientInterceptor>],
        logger: Logger = Logger(label: "rpc.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.transport = transport
        self.logger = logger
        self.interceptors = scopedInterceptors
    }

    /// Runs the transport until ``beginGracefulShutdown()`` was called and every call ended.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when the transport cannot run.
    public func runConnections() async throws(RPCError) {
        try await transport.connect()
    }

    /// Lets running calls finish, refuses new ones (UNAVAILABLE), then ends ``runConnections()``.
    public func beginGracefulShutdown() {
        transport.beginGracefulShutdown()
    }

    /// Makes a unary call: one request message, one response message.
    ///
    /// - Returns: the response headers' metadata, the message and the trailers' metadata.
    /// - Throws: ``RPCError`` with the server's status when it is not OK; locally
    ///   DEADLINE_EXCEEDED, CANCELLED (task cancelled), UNAVAILABLE (no stream could be
    ///   opened), INTERNAL (invalid request metadata, a response without exactly one message
    ///   or that does not decode, a protocol violation), RESOURCE_EXHAUSTED (response over
    ///   ``CallOptions/maxReceiveMessageSize``).
    @inlinable
    public nonisolated(nonsending) func unary<Request: Message, Response: Message>(
        request: ClientRequest<Request>, descriptor: MethodDescriptor,
        responseType: Response.Type = Response.self, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> ClientResponse<Response> {
        guard interceptors.isEmpty else { return try await interceptedUnary(request, descriptor, Response.self, options) }
        return try await directUnary(request, descriptor, Response.self, options)
    }

    /// Makes a unary call without interceptors.
    @inlinable
    nonisolated(nonsending) func directUnary<Request: Message, Response: Message>(
        _ request: ClientRequest<Request>, _ descriptor: MethodDescriptor, _ responseType: Response.Type, _ options: CallOptions
    ) async throws(RPCError) -> ClientResponse<Response> {
        try request.metadata.validate()
        return try await call(descriptor, options) { stream async throws(RPCError) in
            await send(request, on: stream)
            let response = try await stream.inbound.readUnaryResponse()
            return ClientResponse(
                metadata: response.metadata, message: try decode(Response.self, from: response.message),
                trailingMetadata: response.trailers)
        }
    }

    /// Opens a stream, racing the call's deadline, logging its start and end, and turning
    /// every failure into ``RPCError``.
    @inlinable
    nonisolated(nonsending) func call<Result: Sendable>(
        _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ body: nonisolated(nonsending) @escaping @Sendable (RPCStream<Transport.Inbound, Transport.Outbound>) async throws(RPCError) -> Result
    ) async throws(RPCError) -> Result {
        // Reading the clock only when a timeout needs it.
        let options = options.timeout == nil ? options : options.resolvingDeadline(from: .now)
        logger.debug("rpc started", metadata: ["rpc.method": "\(descriptor)"])
        do throws(RPCError) {
            let result: Result
            if let deadline = options.deadline {
                result = try await openStream(descriptor, options, before: deadline, body)
            } else {
                result = try await openStream(descriptor, options, body)
            }
            logger.debug("rpc finished", metadata: ["rpc.method": "\(descriptor)", "rpc.status": "OK"])
            return result
        } catch {
            logger.debug("rpc failed", metadata: ["rpc.method": "\(descriptor)", "rpc.status": "\(error.status)"])
            throw error
        }
    }

    /// Runs `body` on a stream the transport opens, turning every failure into ``RPCError``.
    @inlinable
    nonisolated(nonsending) func openStream<Result: Sendable>(
        _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ body: nonisolated(nonsending) (RPCStream<Transport.Inbound, Transport.Outbound>) async throws(RPCError) -> Result
    ) async throws(RPCError) -> Result {
        do {
            return try await transport.withStream(descriptor: descriptor, options: options) { stream in
                try await body(stream)
            }
        } catch {
            throw Self.callError(error)
        }
    }

    /// ``openStream(_:_:_:)`` failing with DEADLINE_EXCEEDED once `deadline` passes (not
    /// inlined: only calls with a deadline take it).
    @usableFromInline
    nonisolated(nonsending) func openStream<Result: Sendable>(
        _ descriptor: MethodDescriptor, _ options: CallOptions, before deadline: ContinuousClock.Instant,
        _ body: nonisolated(nonsending) @escaping @Sendable (RPCStream<Transport.Inbound, Transport.Outbound>) async throws(RPCError) -> Result
    ) async throws(RPCError) -> Result {
        try await withDeadline(deadline) { () async throws(RPCError) -> Result in
            try await openStream(descriptor, options, body)
        }
    }

    /// The ``RPCError`` a failed call reports for `error`.
    @usableFromInline
    static func callError(_ error: any Error) -> RPCError {
        rpcError(from: error, otherwise: .unknown, "the call failed")
    }

    /// Writes a single-message request and ends the request stream. A write that fails means
    /// the stream has ended: the response side then carries the reason, so the error is dropped.
    @inlinable
    nonisolated(nonsending) func send<Request: Message>(_ request: ClientRequest<Request>, on stream: RPCStream<Transport.Inbound, Transport.Outbound>) async {
        do throws(RPCError) {
            try await stream.outbound.write(.metadata(request.metadata))
            // No await (and none of its cost) when the transport takes the message at once.
            let message = RequestPart.message(request.message.serializedBytes())
            if try !stream.outbound.writeWithoutWaiting(message) { try await stream.outbound.write(message) }
        } catch {
            logger.trace("request write refused; the response will carry the status", metadata: ["rpc.error": "\(error)"])
        }
        await stream.outbound.finish()
    }
}

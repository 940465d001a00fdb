import Logging
import ProtoCodec

/// Makes typed RPCs over a client transport; generated client stubs call its four methods.
///
/// Each call resolves its deadline (``CallOptions/timeout`` from the call's start) and fails
/// with DEADLINE_EXCEEDED when it passes; cancelling the calling task ends the call with
/// CANCELLED and resets the stream, so the server sees the cancellation too.
///
/// Calls can be made as soon as the client exists: the HTTP/2 transport
/// (`HTTP2ClientTransport`) connects on the first call and the in-process one has nothing to
/// connect, so neither needs ``run()``. When done, call ``beginGracefulShutdown()``.
public struct RPCClient<Transport: ClientTransport>: Sendable {
    /// The transport calls go through.
    public let transport: Transport
    /// Where call events are logged (debug: start and end of calls; trace: messages).
    public let logger: Logger
    /// The interceptors every call of a method in their scope runs through, the first outermost.
    public let interceptors: [ScopedInterceptor<any ClientInterceptor>]
    /// The service config whose method configs apply to every call (see
    /// ``CallOptions/applying(_:)``); `nil` leaves each call's options as they are.
    public let serviceConfig: ServiceConfig?
    /// The retry throttle the service config asks for, shared by the calls of the transport's
    /// target (``ClientTransport/adopt(_:)``).
    @usableFromInline let retryThrottle: RetryThrottle?

    /// Creates a client whose calls run through `interceptors` (in order, the first
    /// outermost), each with its method's config from `serviceConfig` (whose load-balancing
    /// policy and retry throttle go to the transport, ``ClientTransport/adopt(_:)``). Calls can be made at
    /// once (see ``run()`` for the exception).
    public init(
        transport: Transport, serviceConfig: ServiceConfig? = nil, interceptors: [any ClientInterceptor] = [],
        logger: Logger = Logger(label: "rpc.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.init(
            transport: transport, serviceConfig: serviceConfig,
            scopedInterceptors: interceptors.map { ScopedInterceptor($0) }, logger: logger)
    }

    /// Creates a client whose calls run through the interceptors whose scope contains their
    /// method (in order, the first outermost).
    public init(
        transport: Transport, serviceConfig: ServiceConfig? = nil,
        scopedInterceptors: [ScopedInterceptor<any ClientInterceptor>],
        logger: Logger = Logger(label: "rpc.client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.transport = transport
        self.serviceConfig = serviceConfig
        self.retryThrottle = serviceConfig.flatMap { transport.adopt($0) }
        self.logger = logger
        self.interceptors = scopedInterceptors
    }

    /// Runs the transport for the client's lifetime (its ``ClientTransport/run()``): returns
    /// once ``beginGracefulShutdown()`` was called and every call has ended.
    ///
    /// Calls do not need it: the HTTP/2 and in-process transports open connections for the
    /// calls, not here, so with them this only waits for the client's end. A transport of
    /// another kind may wait for its `run()` before opening streams (``ClientTransport``
    /// allows it); with such a transport, run this in a task of its own while calls are made.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when the transport cannot run.
    public func run() async throws(RPCError) {
        try await transport.run()
    }

    /// Lets running calls finish and refuses new ones (UNAVAILABLE); once the last has ended,
    /// the transport stops (the HTTP/2 one closes its connections) and ``run()`` returns.
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
        guard interceptors.isEmpty else {
            return try await interceptedUnary(request, descriptor, Response.self, options)
        }
        return try await directUnary(request, descriptor, Response.self, options)
    }

    /// Makes a unary call without interceptors: an exchange through the transport's
    /// ``ClientTransport/unary(descriptor:options:metadata:message:)`` per attempt.
    @inlinable
    nonisolated(nonsending) func directUnary<Request: Message, Response: Message>(
        _ request: ClientRequest<Request>, _ descriptor: MethodDescriptor, _ responseType: Response.Type,
        _ options: CallOptions
    ) async throws(RPCError) -> ClientResponse<Response> {
        try request.metadata.validate()
        let message = request.message.serializedBytes()
        guard let config = serviceConfig?.methodConfig(for: descriptor) else {
            return try await run(descriptor, options) { [transport] options async throws(RPCError) in
                try Self.decoded(
                    try await retrying(nil, deadline: options.deadline) { attempts async throws(RPCError) in
                        try await transport.unary(
                            descriptor: descriptor, options: options, metadata: attempts.metadata(request.metadata),
                            message: message)
                    })
            }
        }
        try config.checkRequestSize(message.count)
        return try await run(descriptor, options.applying(config)) { [transport] options async throws(RPCError) in
            try Self.decoded(
                try await retrying(config.retryPolicy, deadline: options.deadline) { attempts async throws(RPCError) in
                    try await transport.unary(
                        descriptor: descriptor, options: options, metadata: attempts.metadata(request.metadata),
                        message: message)
                })
        }
    }

    /// A unary exchange's response with its message decoded.
    @inlinable
    static func decoded<Response: Message>(_ response: UnaryResponseAssembler.Response) throws(RPCError)
        -> ClientResponse<
            Response
        >
    {
        ClientResponse(
            metadata: response.metadata, message: try decode(Response.self, from: response.message),
            trailingMetadata: response.trailers)
    }

    /// Runs one call's `operation` with the call's options (the deadline resolved), racing
    /// the deadline, and logs its start and end.
    @inlinable
    nonisolated(nonsending) func run<Result: Sendable>(
        _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ operation: nonisolated(nonsending) @escaping @Sendable (CallOptions) async throws(RPCError) -> Result
    ) async throws(RPCError) -> Result {
        // Reading the clock only when a timeout needs it.
        let options = options.timeout == nil ? options : options.resolvingDeadline(from: .now)
        logger.debug("rpc started", metadata: ["rpc.method": "\(descriptor)"])
        do throws(RPCError) {
            let result: Result
            if let deadline = options.deadline {
                result = try await withDeadline(deadline) { () async throws(RPCError) -> Result in
                    try await operation(options)
                }
            } else {
                result = try await operation(options)
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
        _ body:
            nonisolated(nonsending) (RPCStream<Transport.Inbound, Transport.Outbound>) async throws(RPCError) -> Result
    ) async throws(RPCError) -> Result {
        do {
            return try await transport.withStream(descriptor: descriptor, options: options) { stream in
                try await body(stream)
            }
        } catch {
            throw callError(error)
        }
    }

    /// Writes a single-message request (`message`, serialized) and ends the request stream. A
    /// write that fails means the stream has ended: the response side then carries the reason,
    /// so the error is only logged.
    @inlinable
    nonisolated(nonsending) func send(
        _ metadata: Metadata, _ message: [UInt8], on stream: RPCStream<Transport.Inbound, Transport.Outbound>
    ) async {
        if let refused = await stream.sendSingleRequest(metadata: metadata, message: message) {
            logger.trace(
                "request write refused; the response will carry the status", metadata: ["rpc.error": "\(refused)"])
        }
    }
}

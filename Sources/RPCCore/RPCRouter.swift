import Logging
import ProtoCodec

/// The server's table of method handlers, keyed by method; generated service code registers
/// its methods here.
///
/// Generic over the server transport so each registered handler is specialised for the
/// transport's own stream types.
public struct RPCRouter<Transport: ServerTransport>: Sendable {
    /// The stream type handlers are run with.
    public typealias Stream = RPCStream<Transport.Inbound, Transport.Outbound>

    /// A registered method: reads the request from the stream, runs the user handler, and
    /// returns the final status and trailers (the server writes them).
    @usableFromInline typealias MethodHandler =
        nonisolated(nonsending) @Sendable (Stream, ServerContext, Logger) async -> (Status, Metadata)

    /// A registered method run through interceptors (given in order, outermost first).
    @usableFromInline typealias InterceptedMethodHandler =
        nonisolated(nonsending) @Sendable (Stream, ServerContext, Logger, [any ServerInterceptor]) async -> (
            Status, Metadata
        )

    @usableFromInline var handlers: [String: MethodHandler] = [:]
    @usableFromInline var interceptedHandlers: [String: InterceptedMethodHandler] = [:]
    @usableFromInline var services: Set<String> = []
    /// The `.proto` descriptors recorded for each service, by fully qualified service name;
    /// see ``registerDescriptorFiles(_:forService:)``.
    public internal(set) var descriptorFiles: [String: [[UInt8]]] = [:]
    /// Steps run on the complete router when a server is created with it, in the order added.
    var completionSteps: [@Sendable (inout RPCRouter) -> Void] = []

    /// Creates an empty router.
    public init() {}

    /// The methods registered, in no particular order.
    public var methods: [MethodDescriptor] {
        handlers.keys.compactMap { MethodDescriptor(path: $0) }
    }

    /// Registers a unary method; a later registration of the same method replaces it.
    @inlinable
    public mutating func registerUnary<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor,
        handler: @escaping @Sendable (ServerRequest<Request>, ServerContext) async throws -> ServerResponse<Response>
    ) {
        let direct: MethodHandler = { stream, context, logger in
            await ServerCall(stream: stream, logger: logger).runUnary(context, handler)
        }
        register(descriptor, direct: direct) { (request: StreamingServerRequest<Request>, context) in
            let message = try await ServerCall<Transport.Inbound, Transport.Outbound>.single(request.messages)
            return StreamingServerResponse(
                single: try await handler(ServerRequest(metadata: request.metadata, message: message), context))
        }
    }

    /// Registers a server-streaming method.
    @inlinable
    public mutating func registerServerStreaming<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor,
        handler:
            @escaping @Sendable (ServerRequest<Request>, ServerContext) async throws -> StreamingServerResponse<
                Response
            >
    ) {
        register(descriptor) { (request: StreamingServerRequest<Request>, context) in
            let message = try await ServerCall<Transport.Inbound, Transport.Outbound>.single(request.messages)
            return try await handler(ServerRequest(metadata: request.metadata, message: message), context)
        }
    }

    /// Registers a client-streaming method.
    @inlinable
    public mutating func registerClientStreaming<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor,
        handler:
            @escaping @Sendable (StreamingServerRequest<Request>, ServerContext) async throws -> ServerResponse<
                Response
            >
    ) {
        register(descriptor) { (request: StreamingServerRequest<Request>, context) in
            StreamingServerResponse(single: try await handler(request, context))
        }
    }

    /// Registers a bidirectional-streaming method.
    @inlinable
    public mutating func registerBidirectionalStreaming<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor,
        handler:
            @escaping @Sendable (StreamingServerRequest<Request>, ServerContext) async throws ->
            StreamingServerResponse<Response>
    ) {
        register(descriptor, streaming: handler)
    }

    /// Registers a method given in the streaming shape, run by the streaming machinery.
    @inlinable
    mutating func register<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor,
        streaming:
            @escaping @Sendable (StreamingServerRequest<Request>, ServerContext) async throws ->
            StreamingServerResponse<Response>
    ) {
        let direct: MethodHandler = { stream, context, logger in
            await ServerCall(stream: stream, logger: logger).runStreaming(context, streaming)
        }
        register(descriptor, direct: direct, streaming: streaming)
    }

    /// Registers a method's direct handler, and its streaming shape for calls with interceptors.
    @inlinable
    mutating func register<Request: Message, Response: Message>(
        _ descriptor: MethodDescriptor, direct: @escaping MethodHandler,
        streaming:
            @escaping @Sendable (StreamingServerRequest<Request>, ServerContext) async throws ->
            StreamingServerResponse<Response>
    ) {
        handlers[descriptor.fullPath] = direct
        interceptedHandlers[descriptor.fullPath] = { stream, context, logger, interceptors in
            await ServerCall(stream: stream, logger: logger).runStreaming(context) { request, context in
                try await runServerInterceptors(interceptors[...], request, context, streaming)
            }
        }
        services.insert(descriptor.service)
    }
}

import Logging

/// Serves the methods of a router over a server transport.
///
/// For every stream the transport accepts, the server looks the method up (unknown service
/// or method: UNIMPLEMENTED), runs its handler (cancelled at the client's deadline:
/// DEADLINE_EXCEEDED), and writes the final status: the handler's ``RPCError`` status, OK
/// when it returns, CANCELLED when cancelled, UNKNOWN for any other error (whose text stays
/// in the server's log, never reaching the client).
public struct RPCServer<Transport: ServerTransport>: Sendable {
    /// The transport streams arrive on.
    public let transport: Transport
    /// The methods served: the router given, completed (its completion steps run).
    public let router: RPCRouter<Transport>
    /// Where call events are logged (debug: start and end of calls; trace: messages).
    public let logger: Logger
    /// The interceptors every call of a method in their scope runs through, the first outermost.
    public let interceptors: [ScopedInterceptor<any ServerInterceptor>]
    /// The router's handlers, each wrapped in the interceptors that apply to its method.
    @usableFromInline let handlers: [String: RPCRouter<Transport>.MethodHandler]

    /// Creates a server whose calls run through `interceptors` (in order, the first outermost).
    public init(
        transport: Transport, router: RPCRouter<Transport>, interceptors: [any ServerInterceptor] = [],
        logger: Logger = Logger(label: "rpc.server", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.init(
            transport: transport, router: router, scopedInterceptors: interceptors.map { ScopedInterceptor($0) },
            logger: logger)
    }

    /// Creates a server whose calls run through the interceptors whose scope contains their
    /// method (in order, the first outermost).
    public init(
        transport: Transport, router: RPCRouter<Transport>,
        scopedInterceptors: [ScopedInterceptor<any ServerInterceptor>],
        logger: Logger = Logger(label: "rpc.server", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        let router = router.completed()
        self.transport = transport
        self.router = router
        self.logger = logger
        self.interceptors = scopedInterceptors
        self.handlers = router.handlers(interceptedBy: scopedInterceptors)
    }

    /// Serves until ``beginGracefulShutdown()`` was called and every call has ended.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when the transport cannot listen.
    @inlinable
    public func serve() async throws(RPCError) {
        let server = self
        try await transport.listen { stream, context in
            await server.handle(stream, context)
        }
    }

    /// Stops accepting calls; running calls finish, then ``serve()`` returns.
    public func beginGracefulShutdown() {
        transport.beginGracefulShutdown()
    }

    /// Stops accepting calls; running calls have `gracePeriod` to finish, then the transport
    /// cancels them (the clients see UNAVAILABLE) and ``serve()`` returns once their handlers
    /// have. A later call with a shorter period shortens the grace.
    public func beginGracefulShutdown(gracePeriod: Duration) {
        transport.beginGracefulShutdown(gracePeriod: gracePeriod)
    }

    /// Runs one call to its final status and writes that status. The transport calls this
    /// (through ``serve()``) in the task it started for the stream.
    ///
    /// Logging, the unimplemented answers and the deadline race live in separate functions:
    /// what an async function holds goes into its task-allocated frame, and a call's frames
    /// should fit the task's first allocator slab.
    @inlinable
    public nonisolated(nonsending) func handle(_ stream: RPCRouter<Transport>.Stream, _ context: ServerContext) async {
        logReceived(stream.descriptor, context)
        let (status, trailers): (Status, Metadata)
        if let handler = handlers[stream.descriptor.fullPath] {
            if context.deadline == nil {
                (status, trailers) = await handler(stream, context, logger)
            } else {
                (status, trailers) = await runRacingDeadline(handler, stream, context)
            }
        } else {
            (status, trailers) = unimplemented(stream.descriptor)
        }
        do throws(RPCError) {
            let final = ResponsePart.status(status, trailers)
            if try !stream.outbound.writeIfNoWaitNeeded(final) { try await stream.outbound.write(final) }
        } catch {
            logUndelivered(error)
        }
        logFinished(stream.descriptor, status)
    }

    /// Runs `handler` in a race with the call's deadline (DEADLINE_EXCEEDED when it passes).
    @usableFromInline
    nonisolated(nonsending) func runRacingDeadline(
        _ handler: @escaping RPCRouter<Transport>.MethodHandler, _ stream: RPCRouter<Transport>.Stream,
        _ context: ServerContext
    ) async -> (Status, Metadata) {
        let logger = logger
        do throws(RPCError) {
            return try await withDeadline(context.deadline) { await handler(stream, context, logger) }
        } catch {
            return (error.status, error.metadata)
        }
    }

    /// The UNIMPLEMENTED status for a method no handler is registered for.
    @usableFromInline
    func unimplemented(_ descriptor: MethodDescriptor) -> (Status, Metadata) {
        if router.services.contains(descriptor.service) {
            return (
                Status(
                    code: .unimplemented,
                    message: "method \(descriptor.method) is not implemented by service \(descriptor.service)"),
                Metadata()
            )
        }
        return (Status(code: .unimplemented, message: "service \(descriptor.service) is not implemented"), Metadata())
    }

    @usableFromInline
    func logReceived(_ descriptor: MethodDescriptor, _ context: ServerContext) {
        logger.debug("rpc received", metadata: ["rpc.method": "\(descriptor)", "rpc.peer": "\(context.remotePeer)"])
    }

    @usableFromInline
    func logUndelivered(_ error: RPCError) {
        logger.debug("final status not delivered: the stream had ended", metadata: ["rpc.error": "\(error)"])
    }

    @usableFromInline
    func logFinished(_ descriptor: MethodDescriptor, _ status: Status) {
        logger.debug("rpc finished", metadata: ["rpc.method": "\(descriptor)", "rpc.status": "\(status)"])
    }
}

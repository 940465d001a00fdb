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
    /// The methods served.
    public let router: RPCRouter<Transport>
    /// Where call events are logged (debug: start and end of calls; trace: messages).
    public let logger: Logger

    /// Creates a server.
    public init(
        transport: Transport, router: RPCRouter<Transport>,
        logger: Logger = Logger(label: "rpc.server", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.transport = transport
        self.router = router
        self.logger = logger
    }

    /// Serves until ``beginGracefulShutdown()`` was called and every call has ended.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when the transport cannot listen.
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

    /// Runs one call to its final status and writes that status. The transport calls this
    /// (through ``serve()``) in the task it started for the stream.
    public nonisolated(nonsending) func handle(_ stream: RPCRouter<Transport>.Stream, _ context: ServerContext) async {
        let descriptor = stream.descriptor
        logger.debug("rpc received", metadata: ["rpc.method": "\(descriptor)", "rpc.peer": "\(context.remotePeer)"])
        let (status, trailers): (Status, Metadata)
        if let handler = router.handlers[descriptor.fullPath] {
            let logger = logger
            do throws(RPCError) {
                (status, trailers) = try await withDeadline(context.deadline) {
                    await handler(stream, context, logger)
                }
            } catch {
                (status, trailers) = (error.status, error.metadata)
            }
        } else if router.services.contains(descriptor.service) {
            (status, trailers) = (Status(code: .unimplemented, message: "method \(descriptor.method) is not implemented by service \(descriptor.service)"), Metadata())
        } else {
            (status, trailers) = (Status(code: .unimplemented, message: "service \(descriptor.service) is not implemented"), Metadata())
        }
        do throws(RPCError) {
            try await stream.outbound.write(.status(status, trailers))
        } catch {
            logger.debug("final status not delivered: the stream had ended", metadata: ["rpc.error": "\(error)"])
        }
        logger.debug("rpc finished", metadata: ["rpc.method": "\(descriptor)", "rpc.status": "\(status)"])
    }
}

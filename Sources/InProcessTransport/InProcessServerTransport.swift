import RPCCore
import Synchronization

/// The server half of an in-process transport: streams opened by an
/// ``InProcessClientTransport`` arrive here, each handled in a task this transport starts.
public final class InProcessServerTransport: ServerTransport {
    /// The transport's sequence of request parts.
    public typealias Inbound = InProcessRequestParts
    /// The transport's writer of response parts.
    public typealias Outbound = InProcessResponseWriter

    /// The largest request message a handler accepts (larger: RESOURCE_EXHAUSTED).
    public let maxReceiveMessageSize: Int

    private struct State {
        var shutDown = false
        var listening = false
    }

    private let state = Mutex(State())
    private let running = Mutex<[ObjectIdentifier: InProcessStream]>([:])
    private let grace = GracePeriodTimer()
    private let accepted: AsyncStream<InProcessStream>
    private let acceptor: AsyncStream<InProcessStream>.Continuation

    /// Creates a server transport.
    public init(maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize) {
        self.maxReceiveMessageSize = maxReceiveMessageSize
        (accepted, acceptor) = AsyncStream.makeStream()
    }

    /// Runs `handler` for every stream, each in its own task, until shut down; returns once
    /// every handler has finished. Streams opened before `listen` starts wait for it.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when called a second time.
    public func listen(
        _ handler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) async throws(RPCError) {
        let alreadyListening = state.withLock { state in
            defer { state.listening = true }
            return state.listening
        }
        if alreadyListening {
            throw RPCError(code: .unavailable, message: "the in-process server transport is already listening")
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { handlers in
                    for await stream in self.accepted {
                        handlers.addTask { await self.run(handler, for: stream) }
                    }
                }
            }
            group.addTask {
                // The grace period's end, or the serving task's cancellation (stop now).
                guard await self.grace.waitForEnd() || Task.isCancelled else { return }
                let open = self.running.withLock { Array($0.values) }
                for stream in open {
                    stream.reset(RPCError(code: .unavailable, message: "the server shut down before the call finished"))
                }
            }
            // The handlers finishing ends the wait for the grace period; the grace period ending
            // resets the streams still open, which ends their handlers.
            await group.next()
            group.cancelAll()
        }
    }

    /// Stops accepting streams; running handlers finish, then ``listen(_:)`` returns.
    public func beginGracefulShutdown() {
        state.withLock { $0.shutDown = true }
        acceptor.finish()
    }

    /// Stops accepting streams; those still open after `gracePeriod` are reset (their handlers
    /// cancelled, their clients failing with UNAVAILABLE), then ``listen(_:)`` returns.
    public func beginGracefulShutdown(gracePeriod: Duration) {
        grace.start(gracePeriod)
        beginGracefulShutdown()
    }

    /// Hands a new stream to the listener.
    ///
    /// - Throws: UNAVAILABLE once the transport is shutting down.
    func accept(_ stream: InProcessStream) throws(RPCError) {
        let shutDown = state.withLock { $0.shutDown }
        guard !shutDown, case .enqueued = acceptor.yield(stream) else {
            throw RPCError(code: .unavailable, message: "the in-process server is shutting down")
        }
    }

    /// Runs the handler in a task of its own (so a client reset can cancel just this call),
    /// and ends the stream with INTERNAL if the handler returned without a status. A stream
    /// the client reset before its handler started is dropped.
    private func run(
        _ handler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void,
        for stream: InProcessStream
    ) async {
        let rpcStream = RPCStream(
            descriptor: stream.descriptor,
            inbound: InProcessRequestParts(stream: stream, maxMessageSize: maxReceiveMessageSize),
            outbound: InProcessResponseWriter(stream: stream))
        let context = ServerContext(
            descriptor: stream.descriptor, remotePeer: "in-process", localPeer: "in-process", deadline: stream.deadline)
        guard let task = stream.startHandlerTask({ await handler(rpcStream, context) }) else { return }
        let key = ObjectIdentifier(stream)
        running.withLock { $0[key] = stream }
        defer { running.withLock { $0[key] = nil } }
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        try? await rpcStream.outbound.write(
            .status(Status(code: .internal, message: "the handler ended without a status"), Metadata()))
    }
}

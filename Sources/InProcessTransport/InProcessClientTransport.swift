import RPCCore
import Synchronization

/// The client half of an in-process transport: every stream it opens is served by the
/// ``InProcessServerTransport`` it was created with, through bounded buffers (writers wait
/// while `bufferCapacity` parts are unread), with resets and cancellation in both directions.
public final class InProcessClientTransport: ClientTransport {
    /// The transport's sequence of response parts.
    public typealias Inbound = InProcessResponseParts
    /// The transport's writer of request parts.
    public typealias Outbound = InProcessRequestWriter

    /// The server streams go to.
    public let server: InProcessServerTransport
    /// How many parts each direction of a stream buffers before its writer waits.
    public let bufferCapacity: Int

    private struct State {
        var shutDown = false
        var openStreams = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Creates a client transport for `server`.
    public init(server: InProcessServerTransport, bufferCapacity: Int = 16) {
        self.server = server
        self.bufferCapacity = bufferCapacity
    }

    /// Waits until ``beginGracefulShutdown()`` was called and every open stream has ended.
    public func run() async throws(RPCError) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                guard state.shutDown, state.openStreams == 0 else {
                    state.waiters.append(continuation)
                    return false
                }
                return true
            }
            if finished { continuation.resume() }
        }
    }

    /// Opens a stream to the server, runs `body`, and resets the stream (CANCELLED on the
    /// server side) if `body` ends before the final status arrived.
    ///
    /// - Throws: UNAVAILABLE when shutting down or the server is; what `body` throws.
    public nonisolated(nonsending) func withStream<Result>(
        descriptor: MethodDescriptor, options: CallOptions,
        _ body: nonisolated(nonsending) (RPCStream<Inbound, Outbound>) async throws -> Result
    ) async throws -> Result {
        let stream = InProcessStream(descriptor: descriptor, deadline: options.deadline, capacity: bufferCapacity)
        let opened = state.withLock { state in
            guard !state.shutDown else { return false }
            state.openStreams += 1
            return true
        }
        guard opened else {
            throw RPCError(code: .unavailable, message: "the in-process client transport is shut down")
        }
        defer {
            stream.reset(RPCError(code: .cancelled, message: "the client cancelled the stream"))
            streamClosed()
        }
        try server.accept(stream)
        return try await body(
            RPCStream(
                descriptor: descriptor,
                inbound: InProcessResponseParts(stream: stream, maxMessageSize: options.maxReceiveMessageSize),
                outbound: InProcessRequestWriter(stream: stream)))
    }

    /// Refuses new streams; ``run()`` returns once the open ones have ended.
    public func beginGracefulShutdown() {
        resumeWaiters { $0.shutDown = true }
    }

    private func streamClosed() {
        resumeWaiters { $0.openStreams -= 1 }
    }

    private func resumeWaiters(after change: (inout State) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            change(&state)
            guard state.shutDown, state.openStreams == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

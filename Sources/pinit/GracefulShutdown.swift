/// A service's graceful shutdown with one bound for everything: after ``begin()`` the server
/// gives its in-flight calls ``period`` to finish (`RPCServer.beginGracefulShutdown(gracePeriod:)`
/// cancels the rest), and the service's background work (the outbox relay or the notification
/// scheduler), asked to stop at the same moment, is cancelled if it still runs when the period
/// is over. Nothing exits the process: ``run(serving:alongside:whenListening:)`` returns, and
/// the service closes its database.
struct GracefulShutdown: Sendable {
    /// How long calls and background work get after the signal.
    let period: Duration
    private let requests: AsyncStream<Void>
    private let requester: AsyncStream<Void>.Continuation

    /// Creates a shutdown that has not begun.
    init(period: Duration) {
        self.period = period
        (requests, requester) = AsyncStream<Void>.makeStream()
    }

    /// Starts the grace period (callable from any thread, such as a signal handler); the
    /// caller has already asked the server and the background work to stop.
    func begin() {
        requester.yield()
        requester.finish()
    }

    private enum Ended: Sendable {
        case server, work, gracePeriod
    }

    /// Runs `serve`, then `whenListening` once the server listens, then `work` beside the
    /// server; returns when both ended, cancelling `work` if it outlives the grace period after
    /// ``begin()``. Work never starts for a server that could not listen.
    ///
    /// - Throws: what `serve` or `whenListening` throws (then `work` is cancelled or never
    ///   started).
    func run(
        serving serve: @escaping @Sendable () async throws -> Void,
        alongside work: @escaping @Sendable () async -> Void,
        whenListening: () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Ended.self) { group in
            group.addTask {
                try await serve()
                return .server
            }
            try await whenListening()
            group.addTask {
                await work()
                return .work
            }
            group.addTask { [requests, period] in
                // Ends early, without waiting, when the group is cancelled.
                for await _ in requests { break }
                try? await Task.sleep(for: period)
                return .gracePeriod
            }
            var running = 2
            while running > 0, let ended = try await group.next() {
                switch ended {
                case .server, .work: running -= 1
                case .gracePeriod: group.cancelAll()
                }
            }
            group.cancelAll()
        }
    }
}

import Synchronization

/// The serving status of each service, and the watchers waiting for changes to it.
///
/// Each watcher has a bounded queue of changes: a watcher more than ``watchBufferLimit``
/// changes behind loses the oldest ones, never the latest, so a stalled client cannot make
/// the server's memory grow.
final class ServingStatusBoard: Sendable {
    /// How many undelivered changes one watcher may have queued.
    static let watchBufferLimit = 256

    typealias ServingStatus = Grpc_Health_V1_HealthCheckResponse.ServingStatus
    typealias Updates = AsyncStream<ServingStatus>

    private struct State {
        var statuses: [String: ServingStatus]
        var watchers: [String: [Int: Updates.Continuation]] = [:]
        var nextWatcher = 0
        var isShutDown = false
    }

    private let state: Mutex<State>

    init(statuses: [String: ServingStatus]) {
        state = Mutex(State(statuses: statuses))
    }

    /// The status of `service`, `nil` when it is unknown.
    func status(of service: String) -> ServingStatus? {
        state.withLock { $0.statuses[service] }
    }

    /// Sets (or, with `nil`, forgets) the status of `service` and tells its watchers when
    /// that changes what they see. Does nothing after ``shutDown()``.
    func set(_ status: ServingStatus?, for service: String) {
        state.withLock { state in
            guard !state.isShutDown, state.statuses[service] != status else { return }
            state.statuses[service] = status
            for watcher in state.watchers[service, default: [:]].values {
                watcher.yield(status ?? .serviceUnknown)
            }
        }
    }

    /// A stream starting with the current status of `service` (SERVICE_UNKNOWN when unknown)
    /// followed by every change; it finishes at ``shutDown()``, or at once when already shut down.
    func watch(_ service: String) -> Updates {
        let (updates, continuation) = Updates.makeStream(bufferingPolicy: .bufferingNewest(Self.watchBufferLimit))
        let id = state.withLock { state -> Int? in
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            guard !state.isShutDown else { return nil }
            defer { state.nextWatcher += 1 }
            state.watchers[service, default: [:]][state.nextWatcher] = continuation
            return state.nextWatcher
        }
        guard let id else {
            continuation.finish()
            return updates
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                _ = state.watchers[service]?.removeValue(forKey: id)
                if state.watchers[service]?.isEmpty == true { state.watchers[service] = nil }
            }
        }
        return updates
    }

    /// Sets every known service to NOT_SERVING, tells the watchers, ends every watch, and
    /// ignores later changes.
    func shutDown() {
        let watchers = state.withLock { state -> [Updates.Continuation] in
            guard !state.isShutDown else { return [] }
            state.isShutDown = true
            for service in state.statuses.keys { state.statuses[service] = .notServing }
            for (service, watchers) in state.watchers {
                for watcher in watchers.values { watcher.yield(state.statuses[service] ?? .serviceUnknown) }
            }
            defer { state.watchers = [:] }
            return state.watchers.values.flatMap(\.values)
        }
        for watcher in watchers { watcher.finish() }
    }

    /// How many watches are open, for tests.
    var watcherCount: Int {
        state.withLock { $0.watchers.values.reduce(0) { $0 + $1.count } }
    }
}

import Synchronization

/// What one SyncEvents stream has sent and what is still waiting for its ack.
///
/// A new stream starts from scratch: the relay released what the last one had not got
/// acknowledged, and claims it again in outbox order, which keeps each schedule's events in
/// version order.
final class RelayConnection: Sendable {
    private struct State {
        var inFlight: [String: ContinuousClock.Instant] = [:]
        var acknowledgedAny = false
    }

    /// What an ack meant to this stream.
    enum Acknowledgement: Equatable {
        /// The first ack of the stream for an event it was waiting for: the stream works.
        case first
        /// A later ack for an event the stream was waiting for.
        case expected
        /// An ack for an event the stream was not waiting for.
        case unexpected
    }

    private let state = Mutex(State())

    /// How many events wait for their ack.
    var inFlightCount: Int { state.withLock { $0.inFlight.count } }

    /// When the oldest unacknowledged event was sent; `nil` when none waits.
    var oldestInFlight: ContinuousClock.Instant? { state.withLock { $0.inFlight.values.min() } }

    /// Records an event as written.
    func sent(eventID: String) {
        state.withLock { $0.inFlight[eventID] = .now }
    }

    /// Records an ack.
    @discardableResult
    func acknowledged(eventID: String) -> Acknowledgement {
        state.withLock { state in
            guard state.inFlight.removeValue(forKey: eventID) != nil else { return .unexpected }
            defer { state.acknowledgedAny = true }
            return state.acknowledgedAny ? .expected : .first
        }
    }
}

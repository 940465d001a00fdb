import Foundation
import Logging
import PinitProtos
import RPCCore
import Synchronization

/// Sends the outbox to the notification service over a `SyncEvents` stream and retires each
/// event only once its ack arrived.
///
/// The relay claims the events it sends (``ScheduleStore/claimEvents(limit:claimant:lease:)``),
/// so the relays of several replicas sharing a database split the outbox between them instead
/// of all sending everything; the events of a relay that died are claimed by another once
/// ``claimLease`` ends. A relay sends its claims in outbox order (so each schedule's versions
/// it sends arrive in order; what two relays send may interleave, and the notification service
/// discards a version older than one it applied), at most ``window`` unacknowledged at a time.
/// When the stream fails (the notification service is down, restarted, or stopped
/// acknowledging for ``ackTimeout``) the relay releases its claims, waits with ``backoff`` and
/// opens a new stream, which claims again from the oldest unacknowledged event. An event is
/// never deleted: it stays in the outbox, acknowledged or not.
///
/// Between claims the relay waits on the store's ``ScheduleStore/outboxSignal``, which a commit
/// (of any replica) wakes at once; it polls every ``outboxPollInterval`` only as a fallback.
///
/// Streams are opened with wait-for-ready: while the notification service is down, the
/// stream waits for the client's channel to reconnect (with its connection backoff) instead
/// of failing at once. A waiting stream ends when the client's transport shuts down.
public final class ScheduleEventRelay<Transport: ClientTransport>: Sendable {
    /// Most events unacknowledged on a stream.
    public let window: Int
    /// How long an ack may be outstanding before the stream is considered stuck and reopened.
    public let ackTimeout: Duration
    /// How often acks and stopping are checked while events are in flight.
    public let pollInterval: Duration
    /// How often an idle relay looks at the outbox when no commit signalled it (the fallback
    /// for a lost signal, such as a `NOTIFY` sent while the listening connection was down).
    public let outboxPollInterval: Duration
    /// How long a claim on events lasts: longer than ``ackTimeout``, after which the relay
    /// gives its events up anyway; a dead relay's events wait this long for another.
    public let claimLease: Duration
    /// The waits between failed streams.
    public let backoff: RetryBackoff
    /// This relay's name in its claims: never the name of another relay running at the same
    /// time. A restarted replica that takes its predecessor's name takes back its claims at once
    /// (``run()`` releases them first) instead of waiting for their lease to end.
    public let claimant: String

    private let store: any ScheduleStore
    private let client: Pinit_V1_NotificationService.Client<Transport>
    private let logger: Logger
    private let stopping = Mutex(false)
    private let failures: Mutex<FailureStreak>

    /// Creates a relay; nothing is sent until ``run()``.
    public init(
        store: any ScheduleStore, client: Pinit_V1_NotificationService.Client<Transport>,
        window: Int = 64, ackTimeout: Duration = .seconds(5), pollInterval: Duration = .milliseconds(50),
        outboxPollInterval: Duration = .seconds(1), backoff: RetryBackoff = RetryBackoff(),
        claimant: String = "relay-\(UUID().uuidString.lowercased())", logger: Logger = Logger(label: "pinit.relay")
    ) {
        self.store = store
        self.client = client
        self.window = window
        self.ackTimeout = ackTimeout
        self.pollInterval = pollInterval
        self.outboxPollInterval = outboxPollInterval
        claimLease = ackTimeout + .seconds(1)
        self.claimant = claimant
        self.backoff = backoff
        self.logger = logger
        failures = Mutex(FailureStreak(backoff: backoff))
    }

    /// Relays until ``stop()`` or until the calling task is cancelled; after ``stop()`` it waits
    /// (up to ``ackTimeout``) for outstanding acks and returns.
    ///
    /// A failing stream is retried after ``backoff``; the failures of one streak are logged
    /// with their cause as ``FailureStreak`` decides (at most once per wait), and the first
    /// stream that works again says so once. Stopping or cancellation logs nothing.
    public func run() async {
        // Claims left by a predecessor of the same name, which died with its events in flight.
        try? await store.releaseClaims(claimant: claimant)
        while !isStopping && !Task.isCancelled {
            let connection = RelayConnection()
            do {
                try await stream(connection)
                await release(connection)
                // The notification service ended the stream (it drains): open the next one
                // after a poll interval rather than at once.
                await sleep(pollInterval)
            } catch {
                await release(connection)
                if isStopping || Task.isCancelled { return }
                let step = failures.withLock { $0.failed(cause: "\(error)") }
                if step.shouldLog {
                    logger.warning(
                        "event stream failed; retrying",
                        metadata: [
                            "error": "\(error)", "retry_in": "\(step.delay)", "failures": "\(step.count)",
                            "unacknowledged": "\(connection.inFlightCount)",
                        ])
                }
                await sleep(step.delay)
            }
        }
    }

    /// Gives back the claims a finished stream still holds, so that its events go out again at
    /// once (here or in another replica). Should that fail too, the claims end with their lease.
    private func release(_ connection: RelayConnection) async {
        guard connection.inFlightCount > 0 else { return }
        try? await store.releaseClaims(claimant: claimant)
    }

    /// Ends the failure streak once a stream works (its first ack arrived), saying so once.
    private func streamWorks() {
        let ended = failures.withLock { $0.succeeded() }
        if ended > 0 { logger.notice("event stream working again", metadata: ["failures": "\(ended)"]) }
    }

    /// Stops sending new events; ``run()`` returns once outstanding acks arrived.
    public func stop() {
        stopping.withLock { $0 = true }
        // An idle relay waits on the signal: wake it (the store's other relays look once more).
        store.outboxSignal.signal()
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    /// One SyncEvents stream: the producer writes the outbox, the response loop retires acks,
    /// every ack that had arrived when the previous ones were committed in one transaction.
    private func stream(_ connection: RelayConnection) async throws {
        let request = StreamingClientRequest<Pinit_V1_ScheduleEvent> { [self] writer in
            try await produce(on: connection, writer)
        }
        var options = CallOptions()
        options.waitForReady = true
        try await client.syncEvents(request, options: options) { [self] response in
            try await forEachBurst(of: response.messages, limit: window) { acks in
                try await store.acknowledge(
                    eventIDs: acks.map(\.eventId), at: Int64(Date().timeIntervalSince1970 * 1000))
                for ack in acks {
                    if connection.acknowledged(eventID: ack.eventId) == .first { streamWorks() }
                    logger.info(
                        "event acknowledged", metadata: ["event": "\(ack.eventId)", "applied": "\(ack.applied)"])
                }
            }
        }
    }

    private func produce(on connection: RelayConnection, _ writer: RPCWriter<Pinit_V1_ScheduleEvent>) async throws {
        var stopDeadline: ContinuousClock.Instant?
        while true {
            if let oldest = connection.oldestInFlight, oldest.duration(to: .now) > ackTimeout {
                throw RPCError(code: .deadlineExceeded, message: "no ack for \(ackTimeout); reopening the stream")
            }
            if isStopping {
                let deadline = stopDeadline ?? .now + ackTimeout
                stopDeadline = deadline
                if connection.inFlightCount == 0 || ContinuousClock.now >= deadline { return }
            } else if connection.inFlightCount < window {
                let seen = store.outboxSignal.generation
                let entries = try await store.claimEvents(
                    limit: window - connection.inFlightCount, claimant: claimant, lease: claimLease)
                for entry in entries {
                    connection.sent(eventID: entry.event.eventId)
                    try await writer.write(entry.event)
                    logger.info(
                        "event sent",
                        metadata: [
                            "event": "\(entry.event.eventId)", "schedule": "\(entry.event.scheduleId)",
                            "version": "\(entry.event.version)", "kind": "\(entry.event.kind.name)",
                        ])
                }
                if !entries.isEmpty { continue }
                let idle = connection.inFlightCount == 0
                await store.outboxSignal.wait(after: seen, timeout: idle ? outboxPollInterval : pollInterval)
                try Task.checkCancellation()
                continue
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// Sleeps for `duration`, waking early when stopped or cancelled.
    private func sleep(_ duration: Duration) async {
        await PinitProtos.sleep(for: duration, checkingEvery: pollInterval) { isStopping }
    }
}

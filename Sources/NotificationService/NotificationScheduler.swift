import Foundation
import Logging
import PinitProtos
import Synchronization

/// Sends due notifications: claims due jobs under a lease, checks the schedule is still
/// NOT_STARTED, pushes to the owner's devices (or records "no device"), and records the outcome.
///
/// Several schedulers (threads or processes) may share one store: a job is leased to one
/// worker at a time, and a worker that crashed loses its jobs when their lease expires.
public final class NotificationScheduler: Sendable {
    /// This worker's name in leases.
    public let worker: String
    /// How long a claimed job stays reserved for this worker.
    public let lease: Duration
    /// How often the store is polled for due jobs.
    public let pollInterval: Duration

    private let store: any NotificationStore
    private let sender: any PushSender
    private let logger: Logger
    private let clock: @Sendable () -> Int64
    private let stopping = Mutex(false)
    /// Consecutive failed pushes, only to keep their log lines few.
    private let pushFailures = Mutex(FailureStreak())

    /// Creates a scheduler; nothing is sent until ``run()`` or ``sendDueNotifications()``.
    ///
    /// - Parameter clock: the current time in milliseconds since the epoch (tests move it).
    public init(
        store: any NotificationStore, sender: any PushSender, worker: String = "worker-\(UUID().uuidString.prefix(8))",
        lease: Duration = .seconds(10), pollInterval: Duration = .milliseconds(100),
        logger: Logger = Logger(label: "pinit.scheduler"),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.sender = sender
        self.worker = worker
        self.lease = lease
        self.pollInterval = pollInterval
        self.logger = logger
        self.clock = clock
    }

    /// Sends due notifications until ``stop()`` or until the calling task is cancelled; the
    /// notification in progress finishes first.
    ///
    /// A failing pass (the store cannot be read) is retried after a backoff growing from
    /// ``pollInterval`` to 5 s, never sooner; the failures are logged with their cause as
    /// ``FailureStreak`` decides, and the first pass that works again says so once.
    public func run() async {
        var streak = FailureStreak(backoff: RetryBackoff(initial: pollInterval, maximum: .seconds(5)))
        while !isStopping && !Task.isCancelled {
            do {
                _ = try await sendDueNotifications()
                let ended = streak.succeeded()
                if ended > 0 { logger.notice("scheduler passes work again", metadata: ["failures": "\(ended)"]) }
                await sleep(pollInterval)
            } catch {
                if isStopping || Task.isCancelled { return }
                let step = streak.failed(cause: "\(error)")
                if step.shouldLog {
                    logger.error("scheduler pass failed; retrying", metadata: [
                        "error": "\(error)", "retry_in": "\(step.delay)", "failures": "\(step.count)",
                    ])
                }
                await sleep(step.delay)
            }
        }
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    /// Sleeps for `duration` in slices of at most ``pollInterval``, waking early when stopped
    /// or cancelled.
    private func sleep(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !isStopping && !Task.isCancelled && ContinuousClock.now < end {
            try? await Task.sleep(for: min(pollInterval, ContinuousClock.now.duration(to: end)))
        }
    }

    /// Makes ``run()`` return after the current pass.
    public func stop() {
        stopping.withLock { $0 = true }
    }

    /// One pass: claims the due jobs and decides each.
    ///
    /// - Returns: the jobs this pass decided, with their outcome.
    /// - Throws: a storage error; a failing push is logged and left for a later pass.
    public func sendDueNotifications() async throws -> [(NotificationJob, Pinit_V1_NotificationOutcome)] {
        let leaseMilliseconds = Int64(lease / .milliseconds(1))
        let jobs = try await store.claimDueJobs(worker: worker, now: clock(), leaseMilliseconds: leaseMilliseconds, limit: 32)
        var decided: [(NotificationJob, Pinit_V1_NotificationOutcome)] = []
        for job in jobs {
            do {
                if let outcome = try await decide(job) { decided.append((job, outcome)) }
                pushFailures.withLock { _ = $0.succeeded() }
            } catch {
                // A cancelled pass (the service stops now) is no push failure.
                try Task.checkCancellation()
                if pushFailures.withLock({ $0.failed(cause: "\(error)").shouldLog }) {
                    logger.warning("push failed; retrying after the lease", metadata: [
                        "notification": "\(job.notificationID)", "error": "\(error)",
                    ])
                }
            }
        }
        return decided
    }

    private func decide(_ job: NotificationJob) async throws -> Pinit_V1_NotificationOutcome? {
        guard try await store.isStillDue(job, worker: worker, now: clock()) else { return nil }
        let tokens = try await store.deviceTokens(ownerID: job.ownerID)
        guard !tokens.isEmpty else {
            return try await record(job, .suppressed, reason: "no device")
        }
        let push = Push(
            idempotencyKey: job.notificationID, scheduleID: job.scheduleID, ownerID: job.ownerID,
            deviceTokens: tokens, title: job.title, startTime: job.dueAt)
        let receipt = try await sender.send(push)
        for token in receipt.unregisteredTokens where tokens.contains(token) {
            _ = try await store.unregisterDevice(token: token)
            logger.info("device token removed: the provider reports it unregistered", metadata: ["owner": "\(job.ownerID)"])
        }
        return try await record(job, .sent, reason: "")
    }

    private func record(
        _ job: NotificationJob, _ outcome: Pinit_V1_NotificationOutcome, reason: String
    ) async throws -> Pinit_V1_NotificationOutcome? {
        guard try await store.finish(job, worker: worker, outcome: outcome, reason: reason, at: clock()) else {
            logger.warning("lease lost before the outcome was recorded", metadata: ["notification": "\(job.notificationID)"])
            return nil
        }
        let word = outcome == .sent ? "sent" : "suppressed (\(reason))"
        logger.info("notification \(word)", metadata: [
            "notification": "\(job.notificationID)", "schedule": "\(job.scheduleID)", "owner": "\(job.ownerID)",
        ])
        return outcome
    }
}

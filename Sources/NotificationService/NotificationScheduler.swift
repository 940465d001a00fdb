import Foundation
import Logging
import PinitProtos
import Synchronization

/// Sends due notifications: claims due jobs under a fenced lease, confirms with the task
/// service that each schedule is still NOT_STARTED at the job's start time, pushes to the
/// owner's devices (or records "no device"), and records the outcome.
///
/// Several schedulers (threads or processes) may share one store: a job is leased to one
/// claim at a time, every store call names the claim's token, and each delivery attempt runs
/// inside a freshly renewed lease and is abandoned before the lease could expire, so a second
/// worker can take a job over only once the first has stopped trying. Up to ``concurrency``
/// jobs are handled at once, so one slow send holds up no other.
public final class NotificationScheduler: Sendable {
    /// This worker's name in leases; stable across restarts, so that a restarted worker
    /// releases its predecessor's leases at once (``run()``).
    public let worker: String
    /// How long a claim stays reserved for this worker.
    public let lease: Duration
    /// How soon the store is polled again while due jobs are backing up (a full claim, or every
    /// slot busy).
    static let backlogPollInterval = Duration.milliseconds(10)
    /// How often the store is polled for due jobs.
    public let pollInterval: Duration
    /// Most jobs handled at once.
    public let concurrency: Int
    /// Lateness, attempts and backoff of deliveries.
    public let policy: DeliveryPolicy

    let store: any NotificationStore
    let sender: any PushSender
    let confirmation: any ScheduleConfirmation
    let logger: Logger
    let clock: @Sendable () -> Int64
    private let stopping = Mutex(false)
    /// Consecutive failed pushes, only to keep their log lines few.
    let pushFailures = Mutex(FailureStreak())

    /// Creates a scheduler; nothing is sent until ``run()`` or ``sendDueNotifications()``.
    ///
    /// - Parameters:
    ///   - confirmation: asks the task service for each schedule's state before its push.
    ///   - clock: the current time in milliseconds since the epoch (tests move it); leases
    ///     are on the store's own clock.
    public init(
        store: any NotificationStore, sender: any PushSender, confirmation: any ScheduleConfirmation,
        worker: String = "worker-\(UUID().uuidString.prefix(8))", lease: Duration = .seconds(10),
        pollInterval: Duration = .milliseconds(100), concurrency: Int = 16, policy: DeliveryPolicy = DeliveryPolicy(),
        logger: Logger = Logger(label: "pinit.scheduler"),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.sender = sender
        self.confirmation = confirmation
        self.worker = worker
        self.lease = lease
        self.pollInterval = pollInterval
        self.concurrency = max(1, concurrency)
        self.policy = policy
        self.logger = logger
        self.clock = clock
    }

    /// How long one delivery attempt may take: 60 % of the lease, which is renewed just before
    /// the attempt, so the attempt ends (or is abandoned) while this claim still holds the job.
    public var attemptTimeout: Duration { lease * 0.6 }

    var leaseMilliseconds: Int64 { lease.wholeMilliseconds }

    /// Releases this worker's leases left by its predecessor, then sends due notifications
    /// until ``stop()`` or until the calling task is cancelled; jobs in progress finish first
    /// after ``stop()`` and are abandoned on cancellation (their leases expire).
    ///
    /// A failing claim (the store cannot be read) is retried after a backoff growing from
    /// ``pollInterval`` to 5 s, never sooner; the failures are logged with their cause as
    /// ``FailureStreak`` decides, and the first claim that works again says so once.
    public func run() async {
        if let released = try? await store.releaseLeases(worker: worker), released > 0 {
            logger.notice(
                "released this worker's leases left from before its restart", metadata: ["jobs": "\(released)"])
        }
        let inFlight = JobsInFlight()
        var streak = FailureStreak(backoff: RetryBackoff(initial: pollInterval, maximum: .seconds(5)))
        await withDiscardingTaskGroup { group in
            while !isStopping && !Task.isCancelled {
                let free = concurrency - inFlight.count
                guard free > 0 else {
                    // Every slot is busy: a backlog. Claim again as soon as one frees up.
                    await sleep(Self.backlogPollInterval)
                    continue
                }
                do {
                    let jobs = try await store.claimDueJobs(
                        worker: worker, now: clock(), leaseMilliseconds: leaseMilliseconds, limit: free)
                    let ended = streak.succeeded()
                    if ended > 0 { logger.notice("claiming due jobs works again", metadata: ["failures": "\(ended)"]) }
                    for job in jobs {
                        inFlight.add(1)
                        group.addTask {
                            _ = await self.handle(job)
                            inFlight.add(-1)
                        }
                    }
                    // A full batch means more may be due: look again soon, not after a whole poll.
                    await sleep(jobs.count == free ? Self.backlogPollInterval : pollInterval)
                } catch {
                    if isStopping || Task.isCancelled { return }
                    let step = streak.failed(cause: "\(error)")
                    if step.shouldLog {
                        logger.error(
                            "claiming due jobs failed; retrying",
                            metadata: [
                                "error": "\(error)", "retry_in": "\(step.delay)", "failures": "\(step.count)",
                            ])
                    }
                    await sleep(step.delay)
                }
            }
        }
    }

    /// Makes ``run()`` return once the jobs in progress are done.
    public func stop() {
        stopping.withLock { $0 = true }
    }

    /// One pass: claims up to ``concurrency`` due jobs and handles them side by side.
    ///
    /// - Returns: each claimed job with what became of it.
    /// - Throws: a storage error from the claim.
    public func sendDueNotifications() async throws -> [(NotificationJob, JobOutcome)] {
        let jobs = try await store.claimDueJobs(
            worker: worker, now: clock(), leaseMilliseconds: leaseMilliseconds, limit: concurrency)
        return await withTaskGroup(of: (NotificationJob, JobOutcome?).self) { group in
            for job in jobs { group.addTask { (job, await self.handle(job)) } }
            var handled: [(NotificationJob, JobOutcome)] = []
            for await (job, outcome) in group {
                if let outcome { handled.append((job, outcome)) }
            }
            return handled
        }
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    /// Sleeps for `duration`, waking early when stopped or cancelled.
    private func sleep(_ duration: Duration) async {
        await PinitProtos.sleep(for: duration, checkingEvery: pollInterval) { isStopping }
    }
}

/// How many jobs ``NotificationScheduler/run()`` is handling.
private final class JobsInFlight: Sendable {
    private let value = Mutex(0)

    var count: Int { value.withLock { $0 } }

    func add(_ delta: Int) { value.withLock { $0 += delta } }
}

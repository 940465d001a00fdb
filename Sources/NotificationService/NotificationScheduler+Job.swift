import Foundation
import Logging
import PinitProtos
import Synchronization

extension NotificationScheduler {
    /// Handles one claimed job and logs what became of it.
    ///
    /// - Returns: the outcome, or `nil` when a store call failed (logged; the job is tried
    ///   again once its lease expires) or the task was cancelled.
    func handle(_ job: NotificationJob) async -> JobOutcome? {
        do {
            let outcome = try await process(job)
            log(outcome, of: job)
            return outcome
        } catch {
            if !Task.isCancelled {
                logger.warning(
                    "handling a due notification failed; it is retried once its lease expires",
                    metadata: [
                        "notification": "\(job.notificationID)", "error": "\(error)",
                    ])
            }
            return nil
        }
    }

    /// Confirms the schedule's state, then makes one delivery attempt inside a renewed lease.
    private func process(_ job: NotificationJob) async throws -> JobOutcome {
        let decision: ConfirmedDecision
        do {
            decision = ConfirmedDecision.decide(
                job, schedule: try await confirmation.currentSchedule(id: job.scheduleID))
        } catch {
            try Task.checkCancellation()
            return try await unconfirmed(job, because: error)
        }
        switch decision {
        case .suppress(let reason):
            return try await record(job, .suppressed, reason: reason)
        case .moved(let start, let version):
            return try await store.move(job, toStart: start, version: version) ? .moved(start: start) : .leaseLost
        case .send:
            break
        }
        let stored: Data
        if let earlier = job.storedPush {
            stored = earlier
        } else {
            let devices = try await store.devices(ownerID: job.ownerID)
            guard !devices.isEmpty else { return try await record(job, .suppressed, reason: "no device") }
            let fresh = Push(
                idempotencyKey: job.notificationID, scheduleID: job.scheduleID, ownerID: job.ownerID,
                devices: devices, title: job.title, startTime: job.dueAt)
            guard let kept = try await store.storePush(try JSONEncoder().encode(fresh), for: job) else {
                return .leaseLost
            }
            stored = kept
        }
        let push = try JSONDecoder().decode(Push.self, from: stored)
        guard try await store.renewLease(job, leaseMilliseconds: leaseMilliseconds) else { return .leaseLost }
        switch await attempt(push) {
        case .success(let receipt):
            let gone = push.deviceTokens.filter(receipt.unregisteredTokens.contains)
            for token in gone {
                _ = try await store.unregisterDevice(token: token)
                logger.info(
                    "device removed: the provider reports it unregistered",
                    metadata: [
                        "owner": "\(job.ownerID)", "reason": "\(receipt.reasons[token] ?? "")",
                    ])
            }
            pushFailures.withLock { _ = $0.succeeded() }
            guard !gone.isEmpty else { return try await record(job, .sent, reason: "") }
            let reasons = gone.map { receipt.reasons[$0] ?? "unregistered" }.joined(separator: "; ")
            if gone.count == push.devices.count {
                return try await record(job, .unregistered, reason: reasons)
            }
            return try await record(job, .sent, reason: "removed \(gone.count) expired device(s): \(reasons)")
        case .failure(let failure):
            return try await deliveryFailed(job, failure)
        }
    }

    /// The task service could not answer: wait and ask again, until the push would be later
    /// than ``DeliveryPolicy/maxLateness``; then suppress it.
    private func unconfirmed(_ job: NotificationJob, because error: any Error) async throws -> JobOutcome {
        let now = clock()
        let reason = "state unconfirmed: \(error)"
        let lateness: Int64 = now - job.dueAt
        if lateness >= policy.maxLateness.wholeMilliseconds {
            return try await record(job, .suppressed, reason: "state unconfirmed")
        }
        let delay = policy.confirmBackoff.delay(attempt: job.confirmFailures)
        let postponement = JobPostponement(
            notBefore: now + delay.wholeMilliseconds, sendAttempts: job.sendAttempts,
            confirmFailures: job.confirmFailures + 1, reason: reason)
        return try await store.postpone(job, postponement) ? .postponed(reason: reason) : .leaseLost
    }

    /// A failed attempt: a refusal, or the last allowed attempt, is FAILED; otherwise the job
    /// waits for the backoff or the provider's `Retry-After`, whichever is longer.
    private func deliveryFailed(_ job: NotificationJob, _ failure: PushFailure) async throws -> JobOutcome {
        let attempts = job.sendAttempts + 1
        guard case .retryable(let retryAfter) = failure.kind else {
            return try await record(job, .failed, reason: failure.description)
        }
        guard attempts < policy.maxAttempts else {
            return try await record(job, .failed, reason: "\(failure.description) (after \(attempts) attempts)")
        }
        let backoff: Duration = policy.retryBackoff.delay(attempt: attempts - 1)
        let asked: Duration = min(retryAfter ?? .zero, policy.maxRetryAfter)
        let wait: Duration = max(backoff, asked)
        let postponement = JobPostponement(
            notBefore: clock() + wait.wholeMilliseconds, sendAttempts: attempts,
            confirmFailures: job.confirmFailures, reason: failure.description)
        return try await store.postpone(job, postponement) ? .postponed(reason: failure.description) : .leaseLost
    }

    /// One delivery attempt, abandoned after ``attemptTimeout`` or when the calling task is
    /// cancelled (its task is cancelled and not awaited, so a sender that ignores cancellation
    /// cannot hold the job past its lease).
    private func attempt(_ push: Push) async -> Result<PushReceipt, PushFailure> {
        let timeout = attemptTimeout
        let outcome = AttemptOutcome()
        let sending = Task { [sender] in
            do {
                outcome.resolve(.success(try await sender.send(push)))
            } catch let failure as PushFailure {
                outcome.resolve(.failure(failure))
            } catch {
                outcome.resolve(.failure(PushFailure(.retryable(after: nil), "\(error)")))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            outcome.resolve(.failure(PushFailure(.retryable(after: nil), "no answer within \(timeout)")))
        }
        defer {
            sending.cancel()
            timer.cancel()
        }
        return await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            outcome.resolve(.failure(PushFailure(.retryable(after: nil), "the attempt was cancelled")))
        }
    }

    /// Records the decided outcome if the claim still holds its lease.
    private func record(
        _ job: NotificationJob, _ outcome: Pinit_V1_NotificationOutcome, reason: String
    ) async throws -> JobOutcome {
        try await store.finish(job, outcome: outcome, reason: reason, at: clock())
            ? .decided(outcome, reason: reason) : .leaseLost
    }

    private func log(_ outcome: JobOutcome, of job: NotificationJob) {
        var metadata: Logger.Metadata = [:]
        metadata["notification"] = "\(job.notificationID)"
        metadata["schedule"] = "\(job.scheduleID)"
        metadata["owner"] = "\(job.ownerID)"
        switch outcome {
        case .decided(.sent, _):
            logger.info("notification sent", metadata: metadata)
        case .decided(.failed, let reason):
            logger.warning("notification failed: \(reason)", metadata: metadata)
        case .decided(.unregistered, let reason):
            logger.info("notification not delivered: every device was gone (\(reason))", metadata: metadata)
        case .decided(_, let reason):
            logger.info("notification suppressed: \(reason)", metadata: metadata)
        case .postponed(let reason):
            if pushFailures.withLock({ $0.failed(cause: reason).shouldLog }) {
                logger.warning("notification postponed: \(reason)", metadata: metadata)
            }
        case .moved(let start):
            metadata["start_ms"] = "\(start)"
            logger.info("notification moved: the task service reports a new start time", metadata: metadata)
        case .leaseLost:
            logger.warning("lease lost before the outcome was recorded; another claim decides", metadata: metadata)
        }
    }
}

/// The first of an attempt's answer, its timeout and its cancellation: resolved once, awaited once.
private final class AttemptOutcome: Sendable {
    private struct State {
        var result: Result<PushReceipt, PushFailure>?
        var waiter: CheckedContinuation<Result<PushReceipt, PushFailure>, Never>?
    }

    private let state = Mutex(State())

    /// Settles the outcome unless it is settled already.
    func resolve(_ result: Result<PushReceipt, PushFailure>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<PushReceipt, PushFailure>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    /// Waits for the outcome.
    func value() async -> Result<PushReceipt, PushFailure> {
        await withCheckedContinuation { continuation in
            let settled = state.withLock { state -> Result<PushReceipt, PushFailure>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }
}

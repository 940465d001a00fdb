import Foundation
import Synchronization

/// What one device's provider answered to one push.
public enum DeviceDelivery: Sendable, Hashable {
    /// Accepted for delivery.
    case delivered
    /// The device is gone (an expired subscription, an unregistered or invalid token): the
    /// service removes it; `reason` says what the provider answered.
    case unregistered(reason: String)
    /// Not accepted this time.
    case failed(PushFailure)
}

/// Sends one push to each of its devices at once, for senders whose provider takes one
/// device per request (Web Push, FCM), and folds the answers into one ``PushReceipt`` or
/// ``PushFailure`` by ``PushAnswers/combine(_:)``.
///
/// A device that accepted a push is remembered (per idempotency key, for a day; forgotten
/// entries are swept at most once a minute), so a retry after another device's temporary
/// failure is not delivered to it twice by this process. Another process (after a restart, a
/// second replica) does not know it, so a retry there can give a device that had the push a
/// second copy (Web Push's `Topic` only replaces a copy not yet delivered).
public final class DeviceFanOut: Sendable {
    private struct Memory {
        var accepted: [String: (devices: Set<String>, at: ContinuousClock.Instant)] = [:]
        var pruned = ContinuousClock.now
    }

    private let memory = Mutex(Memory())
    private static let retention: Duration = .seconds(24 * 3600)
    private static let pruneInterval: Duration = .seconds(60)

    /// Creates a fan-out with an empty memory.
    public init() {}

    /// Calls `deliver` for each device of `push` not yet accepted under its key, concurrently.
    ///
    /// - Throws: ``PushFailure`` as ``PushAnswers/combine(_:)`` decides.
    public func send(_ push: Push, deliver: @escaping @Sendable (PushDevice) async -> DeviceDelivery) async throws
        -> PushReceipt
    {
        let done = memory.withLock { $0.accepted[push.idempotencyKey]?.devices ?? [] }
        let answers = await withTaskGroup(of: (PushDevice, DeviceDelivery).self) { group in
            for device in push.devices where !done.contains(device.key) {
                group.addTask { (device, await deliver(device)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let now = ContinuousClock.now
        memory.withLock { memory in
            if now - memory.pruned > Self.pruneInterval {
                memory.accepted = memory.accepted.filter { now - $0.value.at < Self.retention }
                memory.pruned = now
            }
            let fresh = answers.filter { $0.1 == .delivered }.map(\.0.key)
            guard !fresh.isEmpty else { return }
            memory.accepted[push.idempotencyKey, default: ([], now)].devices.formUnion(fresh)
        }
        return try PushAnswers.combine(
            answers.map { device, answer in
                switch answer {
                case .delivered: .success(PushReceipt())
                case .unregistered(let reason):
                    .success(PushReceipt(unregisteredTokens: [device.key], reasons: [device.key: reason]))
                case .failed(let failure): .failure(failure)
                }
            })
    }
}

/// How the answers of several parts of one push (its devices, or its devices' kinds) make
/// one answer.
public enum PushAnswers {
    /// Any retryable failure makes the push retryable (not before the longest `Retry-After`
    /// asked; the parts that succeeded are not delivered again: see ``DeviceFanOut``); else,
    /// when no part succeeded, the push is rejected; else it is accepted, with every part's
    /// unregistered devices. No parts at all is an empty receipt.
    public static func combine(_ answers: [Result<PushReceipt, PushFailure>]) throws(PushFailure) -> PushReceipt {
        var receipts: [PushReceipt] = [], failures: [PushFailure] = []
        for answer in answers {
            switch answer {
            case .success(let receipt): receipts.append(receipt)
            case .failure(let failure): failures.append(failure)
            }
        }
        let description = failures.map(\.description).joined(separator: "; ")
        let waits = failures.compactMap { failure -> Duration?? in
            if case .retryable(let after) = failure.kind { return after }
            return nil
        }
        if !waits.isEmpty {
            throw PushFailure(.retryable(after: waits.compactMap { $0 }.max()), description)
        }
        if receipts.isEmpty && !failures.isEmpty {
            throw PushFailure(.rejected, description)
        }
        return receipts.reduce(into: PushReceipt()) { merged, receipt in
            merged.unregisteredTokens += receipt.unregisteredTokens
            merged.reasons.merge(receipt.reasons) { first, _ in first }
        }
    }
}

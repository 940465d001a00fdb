import ArgumentParser
import Foundation
import Logging
import PinitProtos

/// `--retention`: how long a service keeps what it no longer needs (acknowledged outbox events
/// and request ids; received event ids and decided notifications), and the background pruning
/// that enforces it. A service adds `@OptionGroup var retention: RetentionOptions` and runs its
/// background work through ``run(_:pruning:logger:)``.
struct RetentionOptions: ParsableArguments {
    @Option(
        name: .customLong("retention"), parsing: .unconditional,
        help: ArgumentHelp(
            "How long retired rows are kept (env PINIT_RETENTION; default 7d).",
            discussion: "A whole number and a unit, s, m, h or d (7d, 36h), from 1s to 3650d.", valueName: "period"),
        transform: FlagValue.period)
    var retention: Duration?

    mutating func validate() throws {
        retention = try FlagValue.resolve(retention, "PINIT_RETENTION", FlagValue.period) ?? .seconds(7 * 86_400)
    }

    /// Runs `work` (the relay or the scheduler) with a ``RetentionPruner`` of `prune` beside
    /// it; returns when `work` returns, ending the pruner.
    func run(
        _ work: @escaping @Sendable () async -> Void,
        pruning prune: @escaping @Sendable (Int64, Int) async throws -> Int,
        logger: Logger
    ) async {
        let pruner = RetentionPruner(retention: retention ?? .seconds(7 * 86_400), prune: prune, logger: logger)
        await withDiscardingTaskGroup { group in
            group.addTask { await pruner.run() }
            await work()
            group.cancelAll()
        }
    }
}

/// Deletes a store's rows past the retention in the background, in small batches: every
/// ``interval`` it deletes ``batchSize`` rows per transaction until a batch comes back short,
/// yielding between batches, so that API writes wait at most one short batch and reads (WAL)
/// never wait. A failing pass is logged as ``FailureStreak`` decides and retried next interval.
struct RetentionPruner: Sendable {
    /// How old a retired row must be to be deleted.
    let retention: Duration
    /// Rows deleted per transaction.
    let batchSize: Int
    /// The wait between passes: a tenth of the retention, from 1 s to 10 min.
    let interval: Duration
    /// Deletes up to `limit` rows older than `cutoff` (milliseconds since the epoch) in one
    /// transaction and returns how many it deleted.
    let prune: @Sendable (_ cutoff: Int64, _ limit: Int) async throws -> Int
    let logger: Logger

    init(
        retention: Duration, batchSize: Int = 500, prune: @escaping @Sendable (Int64, Int) async throws -> Int,
        logger: Logger
    ) {
        self.retention = retention
        self.batchSize = batchSize
        interval = max(.seconds(1), min(retention / 10, .seconds(600)))
        self.prune = prune
        self.logger = logger
    }

    /// Prunes every ``interval`` until cancelled.
    func run() async {
        var streak = FailureStreak(backoff: RetryBackoff(initial: interval, maximum: interval))
        while !Task.isCancelled {
            do {
                let deleted = try await pass()
                if deleted > 0 { logger.info("pruned rows past the retention", metadata: ["rows": "\(deleted)"]) }
                let ended = streak.succeeded()
                if ended > 0 { logger.notice("pruning works again", metadata: ["failures": "\(ended)"]) }
            } catch {
                if Task.isCancelled { return }
                let step = streak.failed(cause: "\(error)")
                if step.shouldLog {
                    logger.warning(
                        "pruning failed; retrying", metadata: ["error": "\(error)", "failures": "\(step.count)"])
                }
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// One pass: batches until one comes back short. Returns the rows deleted.
    func pass() async throws -> Int {
        let cutoff = Int64(Date().timeIntervalSince1970 * 1000) - Int64(retention / .milliseconds(1))
        var total = 0
        while !Task.isCancelled {
            let deleted = try await prune(cutoff, batchSize)
            total += deleted
            if deleted < batchSize { break }
            await Task.yield()
        }
        return total
    }
}

import Synchronization

/// The request side of a client- or bidirectional-streaming call, kept so that another
/// attempt can send it again (gRFC A6): the producer writes each message here, once; each
/// attempt's stream gets the metadata, every message so far and then the producer's live
/// writes.
///
/// Messages are kept until the call commits to an attempt (its response headers arrived, or
/// the kept bytes passed the limit); after that the live attempt's stream is written directly.
/// A producer whose write finds the attempt's stream ended waits for the next attempt (the
/// message is in the log) or, when there will be none, gets the stream's error.
final class RequestLog<Outbound: ClosableRPCPartWriter<RequestPart>>: Sendable {
    private struct State: Sendable {
        /// The messages since the call began, while it has not committed.
        var messages: [[UInt8]] = []
        var keptBytes = 0
        /// Whether the call committed to its current attempt: no more retries.
        var committed = false
        /// Whether the producer ended the request.
        var ended = false
        /// Whether no attempt will follow (the call has its outcome).
        var closed = false
        /// The current attempt's writer once it has sent everything logged; nil while an
        /// attempt catches up and between attempts.
        var live: Outbound?
        /// Counts attempts that caught up.
        var generation = 0
        /// Producers waiting for an attempt newer than their generation to catch up (true) or
        /// for the call's end (false).
        var waiters: [(generation: Int, continuation: UnsafeContinuation<Bool, Never>)] = []
    }

    private let limit: Int
    private let state = Mutex(State())
    private let started = Atomic<Bool>(false)

    /// A log that commits once its messages pass `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Whether an attempt's stream has started the producer: from then on, attempts are made
    /// from the log.
    var producing: Bool {
        get { started.load(ordering: .acquiring) }
        set { started.store(newValue, ordering: .releasing) }
    }

    /// Whether another attempt may be made: the call has not committed.
    var mayRetry: Bool { state.withLock { !$0.committed } }

    /// Commits the call to its current attempt (its response headers arrived): the messages
    /// are dropped once that attempt has caught up.
    func commit() {
        state.withLock { state in
            state.committed = true
            if state.live != nil { state.messages = [] }
        }
    }

    /// Writes one request message for the producer: to the live attempt, and into the log
    /// while the call has not committed.
    ///
    /// - Throws: ``RPCError`` when the current attempt's stream ended and no other attempt
    ///   will carry the message.
    nonisolated(nonsending) func write(_ message: [UInt8]) async throws(RPCError) {
        let (writer, generation) = state.withLock { state -> (Outbound?, Int) in
            if !state.committed || state.live == nil {
                state.messages.append(message)
                state.keptBytes += message.count
                if state.keptBytes > limit { state.committed = true }
            }
            return (state.live, state.generation)
        }
        guard let writer else {
            // An attempt is catching up (it sends this message too) or about to start.
            guard await nextAttempt(after: generation) else { throw Self.noAttempt }
            return
        }
        do throws(RPCError) {
            try await writer.write(.message(message))
        } catch {
            guard await nextAttempt(after: generation) else { throw error }
        }
    }

    /// The producer ended the request: the live attempt's stream is ended, and every later
    /// attempt's once it caught up.
    nonisolated(nonsending) func finish() async {
        let writer = state.withLock { state in
            state.ended = true
            return state.live
        }
        await writer?.finish()
    }

    /// Sends the request to a new attempt's stream: `metadata`, every message logged (the
    /// producer's writes meanwhile are logged too), then the end if the producer finished; the
    /// attempt then takes the producer's writes directly. Returns early when the stream ends.
    nonisolated(nonsending) func attach(_ outbound: Outbound, metadata: Metadata) async {
        state.withLock { $0.live = nil }
        do throws(RPCError) {
            try await outbound.write(.metadata(metadata))
            var index = 0
            while true {
                let next = state.withLock { state -> [UInt8]? in
                    if index < state.messages.count { return state.messages[index] }
                    state.live = outbound
                    state.generation += 1
                    if state.committed { state.messages = [] }
                    return nil
                }
                guard let next else { break }
                try await outbound.write(.message(next))
                index += 1
            }
        } catch {
            return // the attempt's response carries the reason
        }
        resumeWaiters()
        if state.withLock({ $0.ended }) { await outbound.finish() }
    }

    /// No attempt will follow: producers waiting for one get the stream's error.
    func close() {
        state.withLock { $0.closed = true }
        resumeWaiters()
    }

    /// Waits until an attempt newer than `generation` caught up (true) or the call ended
    /// (false).
    private nonisolated(nonsending) func nextAttempt(after generation: Int) async -> Bool {
        await withUnsafeContinuation { continuation in
            let ready = state.withLock { state -> Bool? in
                if state.live != nil, state.generation > generation { return true }
                if state.closed { return false }
                state.waiters.append((generation, continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Resumes the waiters an attempt newer than theirs has caught up for (with true), or
    /// every waiter (with false) once the call ended.
    private func resumeWaiters() {
        let (ready, closed) = state.withLock { state in
            let current = state.closed ? Int.max : state.generation
            let ready = state.waiters.filter { $0.generation < current }
            state.waiters.removeAll { $0.generation < current }
            return (ready, state.closed)
        }
        for waiter in ready { waiter.continuation.resume(returning: !closed) }
    }

    private static var noAttempt: RPCError {
        RPCError(code: .unavailable, message: "the call's stream ended and it will not be retried")
    }
}

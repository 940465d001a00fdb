#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents
import Synchronization

/// What a socket is ready for.
struct Readiness: OptionSet, Sendable {
    let rawValue: UInt8
    /// Data (or end of file, or an error) can be read.
    static let readable = Readiness(rawValue: 1)
    /// Data can be written.
    static let writable = Readiness(rawValue: 2)
}

/// The wait for a socket outlived its deadline.
struct ReadinessTimeout: Error {}

/// One thread per process running an epoll loop that resumes tasks waiting for a socket (a
/// libpq connection's) to become readable or writable, so that waiting never occupies a thread
/// of the cooperative pool.
///
/// Why not HTTP2Transport's event loops: their registration API (`LoopChannel`, `register`) is
/// internal to that module and the loop type carries HTTP/2 state (the nghttp2 allocator, the
/// server's handler workers, the shared read buffer); reaching it would make the database
/// client depend on the gRPC transport. A database connection waits for readiness a few times
/// per statement, so one small thread serves every connection of the process.
///
/// Each wait registers the descriptor once (`EPOLLONESHOT`, keyed by a token, not the
/// descriptor, because libpq may close and reopen its socket between waits) and removes it
/// before the waiter resumes. Waits can carry a deadline and can be cancelled.
final class SocketReadiness: Sendable {
    /// The process-wide instance, started on first use and never stopped.
    static let shared = SocketReadiness()

    private struct Waiter {
        let fd: Int32
        let deadline: ContinuousClock.Instant?
        let continuation: CheckedContinuation<Readiness, any Error>
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextToken: UInt64 = 1
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    private let state = Mutex(State())
    private static let wakeToken: UInt64 = 0

    private init() {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd: \(String(cString: strerror(errno)))")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = Self.wakeToken
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<SocketReadiness>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, box)
        precondition(rc == 0, "pthread_create: \(String(cString: strerror(rc)))")
        pthread_detach(thread)
    }

    /// Waits until `fd` is ready for something in `interest` and returns what it is ready for.
    ///
    /// - Throws: `ReadinessTimeout` once `deadline` passes; `CancellationError` when the task
    ///   is cancelled and `cancellable` (otherwise cancellation is ignored, for waits in the
    ///   middle of a protocol exchange that must run to its end); `PostgresError` when epoll
    ///   refuses the descriptor.
    func wait(
        for interest: Readiness, on fd: Int32, deadline: ContinuousClock.Instant? = nil, cancellable: Bool = false
    ) async throws -> Readiness {
        let token = state.withLock { state in
            defer { state.nextToken += 1 }
            return state.nextToken
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let cancelled = state.withLock { state in
                    if cancellable && Task.isCancelled { return true }
                    state.waiters[token] = Waiter(fd: fd, deadline: deadline, continuation: continuation)
                    return false
                }
                if cancelled { return continuation.resume(throwing: CancellationError()) }
                var event = epoll_event()
                event.events =
                    EPOLLONESHOT.rawValue | EPOLLRDHUP.rawValue
                    | (interest.contains(.readable) ? EPOLLIN.rawValue : 0)
                    | (interest.contains(.writable) ? EPOLLOUT.rawValue : 0)
                event.data.u64 = token
                if epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) != 0 {
                    let code = errno
                    if let waiter = state.withLock({ $0.waiters.removeValue(forKey: token) }) {
                        waiter.continuation.resume(
                            throwing: PostgresError(
                                kind: .connectionLost,
                                message: "epoll_ctl(ADD) on socket \(fd): \(String(cString: strerror(code)))"))
                    }
                    return
                }
                if deadline != nil { wake() }
            }
        } onCancel: {
            guard cancellable else { return }
            finish(token, with: .failure(CancellationError()))
        }
    }

    /// Removes the waiter of `token` (if it is still waiting) and resumes it with `outcome`.
    private func finish(_ token: UInt64, with outcome: Result<Readiness, any Error>) {
        guard let waiter = state.withLock({ $0.waiters.removeValue(forKey: token) }) else { return }
        // Removed before resuming: the resumed task may register the same descriptor again.
        epoll_ctl(epollFD, EPOLL_CTL_DEL, waiter.fd, nil)
        waiter.continuation.resume(with: outcome)
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// The loop: waits for events or the nearest deadline, resumes whoever is ready or late.
    private func run() {
        clinux_name_this_thread("postgres-io")
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epollFD, $0.baseAddress, Int32($0.count), millisecondsUntilNextDeadline())
            }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                if event.data.u64 == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    continue
                }
                var ready: Readiness = []
                let failed = event.events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
                if failed || event.events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 { ready.insert(.readable) }
                if failed || event.events & EPOLLOUT.rawValue != 0 { ready.insert(.writable) }
                finish(event.data.u64, with: .success(ready))
            }
            let now = ContinuousClock.now
            let late = state.withLock { state in
                state.waiters.filter { $0.value.deadline.map { $0 <= now } ?? false }.map(\.key)
            }
            for token in late { finish(token, with: .failure(ReadinessTimeout())) }
        }
    }

    /// The epoll timeout: until the nearest deadline, rounded up, or -1 when there is none.
    private func millisecondsUntilNextDeadline() -> Int32 {
        let nearest = state.withLock { state in state.waiters.values.compactMap(\.deadline).min() }
        guard let nearest else { return -1 }
        let remaining = ContinuousClock.now.duration(to: nearest)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}

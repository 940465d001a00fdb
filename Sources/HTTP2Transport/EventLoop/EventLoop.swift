#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents
import Synchronization

/// Something registered with an ``EventLoop`` for readiness of one file descriptor.
///
/// All methods are called on the loop's thread.
protocol LoopChannel: AnyObject {
    /// The descriptor is readable, or the peer hung up (reads will then return 0 or an error).
    func readable()
    /// The descriptor is writable.
    func writable()
    /// Called once per loop turn after ``EventLoop/needsFlush(_:)``: write what is pending.
    func flush()
    /// Whether the channel waits in the loop's flush queue (kept by the loop).
    var flushQueued: Bool { get set }
}

/// One thread running an epoll loop over non-blocking sockets, a queue of jobs, and timers.
///
/// The loop is a `TaskExecutor`: a task created with `Task(executorPreference: loop)` runs its
/// nonisolated code on the loop's thread, next to the connection it serves, so a call's work
/// needs no cross-thread hop. Jobs from other threads wake the loop through an eventfd, written
/// only when the queue goes from empty to non-empty; each wake-up drains the whole queue.
/// Connections ask for a flush and are flushed once per loop turn, after all jobs have run.
public final class EventLoop: TaskExecutor, @unchecked Sendable {
    // Safe because: `inbox` is guarded by its Mutex, `threadID` is atomic, `epollFD`/`wakeFD` are
    // immutable, and every other stored property is touched only on the loop's own thread (all
    // entry points that touch them check `inEventLoop` or are called from the loop's run()).
    private let epollFD: Int32
    private let wakeFD: Int32
    private let inbox = Mutex<[Job]>([])
    private let threadID = Atomic<UInt>(0)
    private let stopping = Atomic<Bool>(false)

    // Unchecked exclusivity: these are touched only on the loop's thread, never by two
    // overlapping accesses; the dynamic checks cost more than the work on every call.
    @exclusivity(unchecked) private var local: [Job] = []
    @exclusivity(unchecked) private var spare: [Job] = []
    private var channels: [Int32: any LoopChannel] = [:]
    @exclusivity(unchecked) private var flushQueue: [any LoopChannel] = []
    var timers = TimerQueue()
    /// The allocator of the nghttp2 sessions of this loop's connections (loop thread only).
    let sessionMemory = SessionMemory()
    /// The tasks running server stream handlers on this loop, reused stream after stream
    /// (loop thread only).
    private(set) lazy var handlerWorkers = HandlerWorkers(loop: self)
    /// One read buffer per loop, reused by every connection's reads (loop thread only).
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)

    /// A unit of work on the loop: an executor job or a closure.
    private enum Job {
        case task(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    init() {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd: \(String(cString: strerror(errno)))")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeFD
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
    }

    deinit {
        close(epollFD)
        close(wakeFD)
        readBuffer.deallocate()
    }

    /// Whether the caller runs on this loop's thread.
    public var inEventLoop: Bool {
        threadID.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Whether the loop's thread has started running.
    var inEventLoopThreadStarted: Bool { threadID.load(ordering: .acquiring) != 0 }

    /// Runs `body` on the loop's thread, later, after the work already queued.
    public func execute(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop {
            local.append(.closure(body))
        } else {
            submit(.closure(body))
        }
    }

    /// Runs `body` now if the caller is on the loop's thread, otherwise queues it.
    ///
    /// Call only from code outside nghttp2 callbacks (tasks and I/O handlers are).
    func runOrExecute(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop { body() } else { submit(.closure(body)) }
    }

    /// Queues an executor job (the `TaskExecutor` entry point).
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if inEventLoop {
            local.append(.task(unowned))
        } else {
            submit(.task(unowned))
        }
    }

    private func submit(_ job: Job) {
        let wasEmpty = inbox.withLock { jobs in
            jobs.append(job)
            return jobs.count == 1
        }
        if wasEmpty { wake() }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    // MARK: Registration (loop thread only)

    /// Watches `fd` for readability (and writability when `writable`), level-triggered: epoll
    /// reports it on every wait while it stays readable (or writable).
    func register(_ fd: Int32, _ channel: any LoopChannel, writable: Bool = false) throws(SocketError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | (writable ? EPOLLOUT.rawValue : 0)
        event.data.fd = fd
        if epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) != 0 {
            throw SocketError(operation: "epoll_ctl(ADD)", errno: errno, address: nil)
        }
        channels[fd] = channel
    }

    /// Turns interest in writability of a registered `fd` on or off.
    func setWritableInterest(_ fd: Int32, _ on: Bool) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | (on ? EPOLLOUT.rawValue : 0)
        event.data.fd = fd
        epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    /// Stops watching `fd` (call before closing it).
    func deregister(_ fd: Int32) {
        epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        channels[fd] = nil
    }

    /// Asks for `channel.flush()` at the end of this loop turn (once, however often asked).
    func needsFlush(_ channel: any LoopChannel) {
        guard !channel.flushQueued else { return }
        channel.flushQueued = true
        flushQueue.append(channel)
    }

    // MARK: The loop

    /// Stops the loop after its current turn; `run()` then returns.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake()
    }

    /// Runs the loop on the calling thread until ``stop()``.
    func run() {
        clinux_name_this_thread("event-loop")
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while !stopping.load(ordering: .acquiring) {
            let timeout = local.isEmpty ? timers.millisecondsUntilNext() : 0
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeout)
            }
            if count > 0 { dispatch(events, count: Int(count)) }
            for body in timers.takeDue() { body() }
            runJobs()
            flushAll()
        }
        threadID.store(0, ordering: .releasing)
    }

    private func dispatch(_ events: [epoll_event], count: Int) {
        for index in 0..<count {
            let event = events[index]
            let fd = event.data.fd
            if fd == wakeFD {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, 8)
                continue
            }
            if event.events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                channels[fd]?.readable()
            }
            if event.events & EPOLLOUT.rawValue != 0 {
                channels[fd]?.writable()
            }
        }
    }

    /// Drains the inbox and the local queue, a bounded number of passes so I/O is not starved.
    private func runJobs() {
        for _ in 0..<16 {
            inbox.withLock { jobs in
                if !jobs.isEmpty {
                    local.append(contentsOf: jobs)
                    jobs.removeAll(keepingCapacity: true)
                }
            }
            if local.isEmpty { return }
            swap(&local, &spare)
            for job in spare {
                switch job {
                case .task(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .closure(let body): body()
                }
            }
            spare.removeAll(keepingCapacity: true)
        }
    }

    private func flushAll() {
        var index = 0
        while index < flushQueue.count {
            let channel = flushQueue[index]
            channel.flushQueued = false
            channel.flush()
            index += 1
        }
        flushQueue.removeAll(keepingCapacity: true)
    }
}

/// The tasks that run stream handlers on one event loop, kept for the next stream once their
/// handler returns.
///
/// Starting a task per stream costs the task itself, its closure, and the allocator slabs its
/// async frames outgrow (about a tenth of a unary call's instructions). A worker that finished
/// a handler parks here instead of ending, with its slabs, and the next stream's work resumes
/// it. A worker whose task was cancelled (its stream was reset) ends rather than park, since a
/// task cannot be un-cancelled; so does one whose handler left it off the loop's thread, and one
/// that finds ``maxIdle`` workers parked already.
final class HandlerWorkers: @unchecked Sendable {
    // Safe because: `idle` is touched only on the loop's thread: `run` is called there
    // (inside nghttp2's callbacks) and a worker parks only after checking it runs there.

    /// Work for one stream: runs its handler and reports that it returned. Runs on the
    /// worker's executor (the loop), with no hop of its own.
    typealias Work = nonisolated(nonsending) @Sendable () async -> Void

    /// One worker: its task (the handle streams cancel), the work handed to it, and, while
    /// parked, its continuation.
    final class Worker: @unchecked Sendable {
        // Safe because: touched on the loop thread only (the task is set before it first runs;
        // the worker takes its work and parks there).
        fileprivate(set) var task: Task<Void, Never>?
        fileprivate var work: Work?
        fileprivate var parked: UnsafeContinuation<Bool, Never>?
    }

    /// The most workers kept parked per loop; more end when their handler returns.
    static let maxIdle = 128

    private let loop: EventLoop
    private var idle: [Worker] = []

    init(loop: EventLoop) {
        self.loop = loop
    }

    /// Runs `work` on a parked worker, or on a new task pinned to the loop (loop thread only).
    /// Returns the worker's task, which cancelling cancels the handler.
    func run(_ work: @escaping Work) -> Task<Void, Never> {
        if let worker = idle.popLast(), let continuation = worker.parked, let task = worker.task {
            worker.parked = nil
            worker.work = work
            continuation.resume(returning: true)
            return task
        }
        let worker = Worker()
        worker.work = work
        let task = Task(executorPreference: loop) { [self] in
            repeat {
                await runWork(of: worker)
            } while await park(worker)
        }
        worker.task = task
        return task
    }

    /// Runs the work handed to `worker`, letting go of it (and the stream it holds) on return.
    private nonisolated(nonsending) func runWork(of worker: Worker) async {
        guard let work = worker.work else { return }
        worker.work = nil
        await work()
    }

    /// Parks `worker` until the next stream's work arrives (true); false when it should end.
    private nonisolated(nonsending) func park(_ worker: Worker) async -> Bool {
        guard !Task.isCancelled, loop.inEventLoop, idle.count < Self.maxIdle else { return false }
        return await withUnsafeContinuation { continuation in
            worker.parked = continuation
            idle.append(worker)
        }
    }
}

import Dispatch

/// Runs blocking system calls (file locks, `fsync`) one at a time on a dedicated dispatch
/// queue, resuming the caller when they are done, so they never hold a thread of the
/// cooperative pool while they wait.
struct BlockingCallQueue: Sendable {
    private let queue: DispatchQueue

    /// A serial queue named `label`.
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the queue and returns (or throws) what it did.
    func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}

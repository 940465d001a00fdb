import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a call of `onSignal` on a dispatch queue, so neither the
/// signal nor its handling ever runs on (or blocks) the cooperative thread pool.
struct ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    /// Ignores the default action of SIGINT and SIGTERM and calls `onSignal` with each one received.
    init(onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "pinit.signals")
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(number) }
            source.resume()
            return source
        }
    }

    /// Stops listening.
    func cancel() {
        for source in sources { source.cancel() }
    }
}

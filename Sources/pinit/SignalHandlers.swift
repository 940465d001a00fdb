import Dispatch
import HTTP2Transport
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Turns signals (SIGINT and SIGTERM for a shutdown, SIGHUP for a reload) into calls of
/// `onSignal` on a dispatch queue, so neither the signal nor its handling ever runs on (or
/// blocks) the cooperative thread pool.
struct SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    /// Ignores the default action of `numbers` and calls `onSignal` with each one received.
    init(_ numbers: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "pinit.signals")
        sources = numbers.map { number in
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

extension SignalHandlers {
    /// SIGHUP reloads the server's TLS certificate, key and CA files (new connections use them,
    /// open ones keep theirs) and logs the outcome. Files that change on disk are picked up
    /// without it too, at the next connection, on the server and the client side.
    static func reloadingTLS(of transport: HTTP2ServerTransport, logger: Logger) -> SignalHandlers {
        SignalHandlers([SIGHUP]) { _ in
            if transport.reloadTLS() {
                logger.notice("SIGHUP: TLS certificate, key and CA reloaded")
            } else {
                logger.warning("SIGHUP: TLS files not reloaded (no TLS, or they do not load: the previous ones stay)")
            }
        }
    }
}

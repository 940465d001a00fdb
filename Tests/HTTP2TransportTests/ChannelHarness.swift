#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

/// Backoff constants shrunk so that reconnection tests take a fraction of a second per attempt.
let quickBackoff = ConnectionBackoff(
    initial: .milliseconds(100), multiplier: 1.6, jitter: 0.2, maximum: .milliseconds(400),
    minConnectTimeout: .seconds(5))

/// A TCP listener nobody serves: the kernel completes handshakes, nothing is ever read or
/// written, like a peer whose host died after the connection was made.
final class SilentListener: Sendable {
    let fd: Int32
    let address: TransportAddress

    init() throws {
        let local = try SocketAddress.resolve(.tcp(host: "127.0.0.1", port: 0), passive: true)[0]
        fd = try Socket.listen(on: local)
        address = .tcp(host: "127.0.0.1", port: Socket.localAddress(fd).port)
    }

    /// Takes one connection the kernel completed, if any (closing it at once).
    func takeConnection() -> Bool {
        guard let client = Socket.accept(fd) else { return false }
        close(client)
        return true
    }

    deinit { close(fd) }
}

/// Waits (polling every 10 ms, at most `limit`) until `condition` holds; returns whether it did.
func eventually(within limit: Duration = .seconds(20), _ condition: () -> Bool) async throws -> Bool {
    let end = ContinuousClock.now + limit
    while !condition() {
        if ContinuousClock.now > end { return false }
        try await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// Runs `body` on `loop` and returns its result.
func onLoop<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        loop.execute { continuation.resume(returning: body()) }
    }
}

/// Options for a call that waits for ready.
func waitingForReady() -> CallOptions {
    var options = CallOptions()
    options.waitForReady = true
    return options
}

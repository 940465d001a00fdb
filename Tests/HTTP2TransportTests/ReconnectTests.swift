#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
import ProtoCodec
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

@Suite("Client channel: lazy connect, reconnect with backoff, wait-for-ready", .timeLimit(.minutes(2)))
struct ReconnectTests {
    @Test("nothing connects before the first call; the first call connects")
    func connectsLazily() async throws {
        let listener = try SilentListener()
        let client = HTTP2ClientTransport(target: listener.address)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!listener.takeConnection())
        let call = Task { try await HTTP2TransportTests.call(client, [[1]]) }
        #expect(try await eventually { listener.takeConnection() })
        call.cancel()
        client.beginGracefulShutdown()
    }

    @Test(
        "after the server restarts, a wait-for-ready call succeeds once it is back; meanwhile a call without it fails fast with UNAVAILABLE"
    )
    func reconnectsAfterRestart() async throws {
        let first = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: first.address, backoff: quickBackoff)
        #expect(try await call(client, [[1]]).status == .ok)
        try await first.stop()
        #expect(try await eventually { !client.hasUsableConnection })

        let started = ContinuousClock.now
        let error = await #expect(throws: RPCError.self) { try await call(client, [[2]]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.lowercased().contains("connection refused") == true, "\(String(describing: error))")
        #expect(started.duration(to: .now) < .seconds(10))

        let finished = Atomic<Bool>(false)
        let waiting = Task {
            defer { finished.store(true, ordering: .releasing) }
            return try await call(client, [[3]], options: waitingForReady())
        }
        // Several backoff rounds pass while the server is down; the call keeps waiting.
        try await Task.sleep(for: .milliseconds(800))
        let finishedEarly = finished.load(ordering: .acquiring)
        #expect(!finishedEarly)
        let failFast = await #expect(throws: RPCError.self) { try await call(client, [[4]]) }
        #expect(failFast?.code == .unavailable)

        let second = try await RunningServer.start(first.address)
        let result = try await waiting.value
        #expect(result.status == .ok)
        #expect(result.messages == [[3]])
        #expect(try await call(client, [[5]]).messages == [[5]])
        client.beginGracefulShutdown()
        try await client.run()
        try await second.stop()
    }

    @Test("an attempt that gets no answer at all fails with ETIMEDOUT after the backoff's minimum connect timeout")
    func connectAttemptTimesOut() async throws {
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect
        // neither succeeds nor fails by itself.
        let local = try SocketAddress.resolve(.tcp(host: "127.0.0.1", port: 0), passive: true)[0]
        let listener = try Socket.listen(on: local, backlog: 0)
        let address = TransportAddress.tcp(host: "127.0.0.1", port: Socket.localAddress(listener).port)
        let remote = try SocketAddress.resolve(address, passive: false)[0]
        let fillers = try (0..<4).map { _ in try Socket.connect(to: remote).0 }
        defer {
            for fd in fillers + [listener] { close(fd) }
        }
        let backoff = ConnectionBackoff(
            initial: .milliseconds(100), maximum: .milliseconds(200), minConnectTimeout: .milliseconds(600))
        let client = HTTP2ClientTransport(target: address, backoff: backoff)
        let started = ContinuousClock.now
        let error = await #expect(throws: RPCError.self) { try await call(client, [[1]]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("timed out") == true, "\(String(describing: error))")
        #expect(started.duration(to: .now) >= .milliseconds(500))
        #expect(started.duration(to: .now) < .seconds(10))
        client.beginGracefulShutdown()
    }

    @Test("a wait-for-ready call ends with DEADLINE_EXCEEDED at its deadline while no server is reachable")
    func waitForReadyEndsAtDeadline() async throws {
        let address = try SilentListener().address
        let client = RPCClient(transport: HTTP2ClientTransport(target: address, backoff: quickBackoff))
        var options = waitingForReady()
        options.timeout = .milliseconds(800)
        let started = ContinuousClock.now
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(
                request: ClientRequest(message: Google_Protobuf_Empty()),
                descriptor: MethodDescriptor(service: "echo.Echo", method: "Get"),
                responseType: Google_Protobuf_Empty.self, options: options)
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(started.duration(to: .now) >= .milliseconds(700))
        client.beginGracefulShutdown()
    }

    @Test(
        "a wait-for-ready call is cancelled with its task while waiting; shutdown fails waiting calls with UNAVAILABLE")
    func waitingCallsEnd() async throws {
        let address = try SilentListener().address
        let client = HTTP2ClientTransport(target: address, backoff: quickBackoff)
        let cancelled = Task { try await call(client, [[1]], options: waitingForReady()) }
        try await Task.sleep(for: .milliseconds(300))
        cancelled.cancel()
        let cancelError = await #expect(throws: RPCError.self) { try await cancelled.value }
        #expect(cancelError?.code == .cancelled)

        let waiting = Task { try await call(client, [[2]], options: waitingForReady()) }
        try await Task.sleep(for: .milliseconds(300))
        client.beginGracefulShutdown()
        let shutdownError = await #expect(throws: RPCError.self) { try await waiting.value }
        #expect(shutdownError?.code == .unavailable)
        try await client.run()
    }
}

import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Synchronization
import Testing

/// A Python grpcio client: two long calls in flight, then new calls until the server
/// refuses one; it then creates the marker file (the server's cue to finish the first long
/// call) and reports how each call ended.
private let shutdownClientScript = #"""
    import json, sys, time
    import grpc

    target, marker = sys.argv[1], sys.argv[2]
    channel = grpc.insecure_channel(target)
    finishing = channel.unary_unary("/shutdowntest.Slow/Finish").future(b"", timeout=60)
    hanging = channel.unary_unary("/shutdowntest.Slow/Hang").future(b"", timeout=60)
    probe = channel.unary_unary("/shutdowntest.Slow/Probe")
    out = {"probesServed": 0}
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            probe(b"", timeout=10)
            out["probesServed"] += 1
            time.sleep(0.02)
        except grpc.RpcError as e:
            out["probe"] = e.code().name
            break
    open(marker, "w").close()

    def ending(call):
        try:
            call.result()
            return "OK"
        except grpc.RpcError as e:
            return e.code().name

    out["finish"] = ending(finishing)
    out["hang"] = ending(hanging)
    print(json.dumps(out))
    """#

private struct ShutdownReport: Decodable {
    var probesServed: Int
    var probe: String?
    var finish: String
    var hang: String
}

/// Counts handler starts and lets a test wait for a number of them.
private final class StartCounter: Sendable {
    private let state = Mutex<(count: Int, waiters: [(Int, CheckedContinuation<Void, Never>)])>((0, []))

    func started() {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            let count = state.count
            let ready = state.waiters.filter { $0.0 <= count }.map(\.1)
            state.waiters.removeAll { $0.0 <= count }
            return ready
        }
        for waiter in ready { waiter.resume() }
    }

    func wait(for count: Int) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}

@Suite("graceful shutdown of the HTTP/2 server with a grace period", .timeLimit(.minutes(2)))
struct GracefulShutdownTests {
    private let slow = MethodDescriptor(service: "shutdowntest.Slow", method: "Finish")
    private let hang = MethodDescriptor(service: "shutdowntest.Slow", method: "Hang")
    private let probe = MethodDescriptor(service: "shutdowntest.Slow", method: "Probe")

    /// `Finish` returns once `release` is set, `Hang` only when cancelled (recording that in
    /// `cancelled`), `Probe` at once.
    private func router(
        starts: StartCounter, release: @escaping @Sendable () async -> Void, cancelled: Rendezvous<Bool>
    ) -> RPCRouter<HTTP2ServerTransport> {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(slow) { (request: ServerRequest<Greeting>, _) in
            starts.started()
            await release()
            return ServerResponse(message: Greeting("finished"))
        }
        router.registerUnary(hang) { (request: ServerRequest<Greeting>, _) in
            starts.started()
            do {
                try await Task.sleep(for: .seconds(600))
            } catch {
                cancelled.set(true)
                throw error
            }
            return ServerResponse(message: Greeting("never"))
        }
        router.registerUnary(probe) { (request: ServerRequest<Greeting>, _) in ServerResponse(message: Greeting()) }
        return router
    }

    @Test(
        "in-flight calls finish within the grace period, new calls get UNAVAILABLE, calls left at its end are cancelled (UNAVAILABLE)"
    )
    func gracePeriodWithOurClient() async throws {
        let starts = StartCounter()
        let release = Rendezvous<Bool>()
        let cancelled = Rendezvous<Bool>()
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(
            transport: transport,
            router: router(starts: starts, release: { _ = await release.value() }, cancelled: cancelled))
        let serving = Task { try await server.serve() }
        let client = RPCClient(transport: HTTP2ClientTransport(target: try await transport.listeningAddress()))
        let finishing = Task {
            try await client.unary(
                request: ClientRequest(message: Greeting()), descriptor: slow, responseType: Greeting.self)
        }
        let hanging = Task {
            try await client.unary(
                request: ClientRequest(message: Greeting()), descriptor: hang, responseType: Greeting.self)
        }
        await starts.wait(for: 2)

        server.beginGracefulShutdown(gracePeriod: .seconds(3600))
        for _ in 0..<500 where client.transport.hasUsableConnection {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!client.transport.hasUsableConnection, "the client saw GOAWAY")
        let refused = await #expect(throws: RPCError.self) {
            try await client.unary(
                request: ClientRequest(message: Greeting()), descriptor: probe, responseType: Greeting.self)
        }
        #expect(refused?.code == .unavailable)

        release.set(true)
        #expect(try await finishing.value.message.text == "finished")

        // A shorter period replaces the hour: the hanging call is cancelled once it ends.
        let shortened = ContinuousClock.now
        server.beginGracefulShutdown(gracePeriod: .milliseconds(300))
        let cut = await #expect(throws: RPCError.self) { try await hanging.value }
        #expect(cut?.code == .unavailable)
        #expect(await cancelled.value())
        try await serving.value
        #expect(shortened.duration(to: .now) >= .milliseconds(300))
    }

    @Test(
        "cancelling the serving task during the grace period ends the calls left at once (UNAVAILABLE) and serve() returns"
    )
    func cancellingServeEndsGrace() async throws {
        let starts = StartCounter()
        let cancelled = Rendezvous<Bool>()
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(transport: transport, router: router(starts: starts, release: {}, cancelled: cancelled))
        let serving = Task { try await server.serve() }
        let client = RPCClient(transport: HTTP2ClientTransport(target: try await transport.listeningAddress()))
        let hanging = Task {
            try await client.unary(
                request: ClientRequest(message: Greeting()), descriptor: hang, responseType: Greeting.self)
        }
        await starts.wait(for: 1)

        server.beginGracefulShutdown(gracePeriod: .seconds(3600))
        try await Task.sleep(for: .milliseconds(100))
        let stopping = ContinuousClock.now
        serving.cancel()
        let cut = await #expect(throws: RPCError.self) { try await hanging.value }
        #expect(cut?.code == .unavailable)
        #expect(await cancelled.value())
        try await serving.value
        #expect(stopping.duration(to: .now) < .seconds(30), "not the hour of grace")
    }

    @Test(
        "a grpcio client sees the same: its in-flight call finishes, new calls fail UNAVAILABLE, the call left at the grace end fails UNAVAILABLE"
    )
    func gracePeriodWithGrpcioClient() async throws {
        let directory = try TemporaryPath.directory("shutdown")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("client.py")
        let marker = directory.appendingPathComponent("refused")
        try shutdownClientScript.write(to: script, atomically: true, encoding: .utf8)

        let starts = StartCounter()
        let cancelled = Rendezvous<Bool>()
        let waitForMarker: @Sendable () async -> Void = {
            for _ in 0..<3000 where !FileManager.default.fileExists(atPath: marker.path) {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(
            transport: transport, router: router(starts: starts, release: waitForMarker, cancelled: cancelled))
        let serving = Task { try await server.serve() }
        let port = try await transport.listeningAddress().tcpPort()
        let python = Task {
            try await ChildProcess.run("/usr/bin/env", ["python3", script.path, "127.0.0.1:\(port)", marker.path])
        }
        await starts.wait(for: 2)
        server.beginGracefulShutdown(gracePeriod: .seconds(5))

        let outcome = try await python.value
        let line = outcome.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let report = try #require(
            try? JSONDecoder().decode(ShutdownReport.self, from: Data(line.utf8)),
            "python said:\n\(outcome.stdout)\(outcome.stderr)")
        #expect(report.probe == "UNAVAILABLE")
        #expect(report.finish == "OK")
        #expect(report.hang == "UNAVAILABLE")
        #expect(await cancelled.value())
        try await serving.value
    }
}

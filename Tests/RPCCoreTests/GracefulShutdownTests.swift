import InProcessTransport
import RPCCore
import Testing

@Suite("graceful shutdown with a grace period, in process", .timeLimit(.minutes(1)))
struct GracefulShutdownTests {
    /// A server whose unary method returns once `release` yields and whose server-streaming
    /// method waits until cancelled (then logs it); `body` runs with both ends running.
    private func withSlowServer(
        _ body: (RPCServer<InProcessServerTransport>, Client, AsyncStream<Void>.Continuation, CallLog) async throws ->
            Void
    ) async throws {
        let (started, startedSink) = AsyncStream<Void>.makeStream()
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        let log = CallLog()
        var router = Router()
        router.registerUnary(Methods.unary) { (request: ServerRequest<Echo>, _) in
            startedSink.yield()
            for await _ in release { break }
            return ServerResponse(message: Echo("late " + request.message.text))
        }
        router.registerServerStreaming(Methods.serverStreaming) { (_: ServerRequest<Echo>, _) in
            startedSink.yield()
            do {
                try await Task.sleep(for: .seconds(600))
            } catch {
                log.record("handler cancelled")
                throw error
            }
            return StreamingServerResponse<Echo> { _ in [:] }
        }
        let serverTransport = InProcessServerTransport()
        let server = RPCServer(transport: serverTransport, router: router)
        let client = RPCClient(transport: InProcessClientTransport(server: serverTransport))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await client.run() }
            group.addTask { for await _ in started { log.record("handler started") } }
            try await body(server, client, releaseSink, log)
            startedSink.finish()
            client.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test("a call in flight finishes within the grace period while new calls fail with UNAVAILABLE")
    func inFlightCallFinishes() async throws {
        try await withSlowServer { server, client, release, log in
            let inFlight = Task {
                try await client.unary(
                    request: ClientRequest(message: Echo("hi")), descriptor: Methods.unary, responseType: Echo.self)
            }
            while log.entries.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
            server.beginGracefulShutdown(gracePeriod: .seconds(3600))
            let refused = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo("new")), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(refused?.code == .unavailable)
            release.yield()
            #expect(try await inFlight.value.message.text == "late hi")
        }
    }

    @Test(
        "calls still running when the grace period ends are cancelled and fail with UNAVAILABLE; a shorter period shortens it"
    )
    func callsLeftAtTheEndAreCancelled() async throws {
        try await withSlowServer { server, client, _, log in
            let hanging = Task {
                try await client.serverStreaming(
                    request: ClientRequest(message: Echo("s")), descriptor: Methods.serverStreaming,
                    responseType: Echo.self
                ) { response in for try await _ in response.messages {} }
            }
            while log.entries.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
            server.beginGracefulShutdown(gracePeriod: .seconds(3600))
            let shortened = ContinuousClock.now
            server.beginGracefulShutdown(gracePeriod: .milliseconds(200))
            let cut = await rpcError { try await hanging.value }
            #expect(cut?.code == .unavailable)
            #expect(shortened.duration(to: .now) >= .milliseconds(200))
            while log.entries.count < 2 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(log.entries == ["handler started", "handler cancelled"])
        }
    }
}

@testable import GRPCHealth
import InProcessTransport
import RPCCore
import Testing

/// Runs `body` with a health client of `health` served in process.
private func withHealthClient(
    _ health: HealthService,
    _ body: (Grpc_Health_V1_Health.Client<InProcessClientTransport>) async throws -> Void
) async throws {
    var router = RPCRouter<InProcessServerTransport>()
    health.registerMethods(with: &router)
    try await withInProcessServer(router) { client in
        defer { health.shutDown() }
        try await body(Grpc_Health_V1_Health.Client(wrapping: client))
    }
}

private func request(_ service: String) -> ClientRequest<Grpc_Health_V1_HealthCheckRequest> {
    ClientRequest(message: Grpc_Health_V1_HealthCheckRequest(service: service))
}

@Suite("Health service in process", .timeLimit(.minutes(1)))
struct HealthServiceTests {
    @Test("Check answers the status the application set; the whole server starts SERVING")
    func checkAnswersSetStatus() async throws {
        let health = HealthService()
        health.setStatus(.notServing, forService: "a.A")
        try await withHealthClient(health) { client in
            let overall = try await client.check(request("")).message.status
            let before = try await client.check(request("a.A")).message.status
            health.setStatus(.serving, forService: "a.A")
            let after = try await client.check(request("a.A")).message.status
            #expect([overall, before, after] == [.serving, .notServing, .serving])
        }
    }

    @Test("Check of a service without a status fails with NOT_FOUND, also after its status was removed")
    func checkUnknownIsNotFound() async throws {
        let health = HealthService()
        health.setStatus(.serving, forService: "a.A")
        health.removeStatus(forService: "a.A")
        try await withHealthClient(health) { client in
            for service in ["nope", "a.A"] {
                let error = await #expect(throws: RPCError.self) { _ = try await client.check(request(service)) }
                #expect(error?.code == .notFound)
            }
        }
    }

    @Test("Watch sends SERVICE_UNKNOWN for an unknown service, then every change once, in order")
    func watchStreamsEveryChange() async throws {
        let health = HealthService()
        try await withHealthClient(health) { client in
            let seen = try await client.watch(request("w.W")) { response in
                var seen: [ServingStatus] = []
                for try await message in response.messages {
                    seen.append(message.status)
                    if seen.count == 1 {
                        // Registered before the first message: every change from here is seen.
                        health.setStatus(.serving, forService: "w.W")
                        health.setStatus(.serving, forService: "w.W")
                        health.setStatus(.notServing, forService: "w.W")
                        health.setStatus(.serving, forService: "other")
                        health.removeStatus(forService: "w.W")
                    }
                    if seen.count == 4 { break }
                }
                return seen
            }
            #expect(seen == [.serviceUnknown, .serving, .notServing, .serviceUnknown])
        }
    }

    @Test("a watch the client ends is forgotten by the service")
    func endedWatchIsForgotten() async throws {
        let health = HealthService()
        let board = health.board
        try await withHealthClient(health) { client in
            try await client.watch(request("")) { response in
                for try await _ in response.messages { break }
                #expect(board.watcherCount == 1)
            }
            for _ in 0..<100 where board.watcherCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(board.watcherCount == 0)
        }
    }

    @Test("shutDown sends NOT_SERVING to every watcher, then ends the watches with UNAVAILABLE")
    func shutDownEndsWatches() async throws {
        let health = HealthService()
        try await withHealthClient(health) { client in
            let error = await #expect(throws: RPCError.self) {
                try await client.watch(request("")) { response in
                    var seen: [ServingStatus] = []
                    do {
                        for try await message in response.messages {
                            seen.append(message.status)
                            if seen.count == 1 { health.shutDown() }
                        }
                    } catch {
                        #expect(seen == [.serving, .notServing])
                        throw error
                    }
                }
            }
            #expect(error?.code == .unavailable)
            health.setStatus(.serving, forService: "")
            let ignored = try await client.check(request("")).message.status
            #expect(ignored == .notServing)
        }
    }
}

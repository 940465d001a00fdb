import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

/// Counts the calls each of several servers answered.
final class CallCounts: Sendable {
    private let counts = Mutex<[Int]>([])

    init(servers: Int) {
        counts.withLock { $0 = Array(repeating: 0, count: servers) }
    }

    /// A server whose echo handler counts its calls under `index`.
    func server(_ index: Int, at address: TransportAddress = .tcp(host: "127.0.0.1", port: 0)) async throws
        -> RunningServer
    {
        try await RunningServer.start(address) { [self] stream, context in
            counts.withLock { $0[index] += 1 }
            await echoHandler(stream, context)
        }
    }

    /// The counts so far, then zero again.
    func take() -> [Int] {
        counts.withLock { counts in
            defer { counts = counts.map { _ in 0 } }
            return counts
        }
    }
}

@Suite("Client channel: round-robin over several addresses", .timeLimit(.minutes(2)))
struct RoundRobinTests {
    @Test("30 calls over 3 servers go 10 to each; a stopped server is skipped, then rejoins after backoff")
    func spreadsCallsAndSkipsFailedAddresses() async throws {
        let counts = CallCounts(servers: 3)
        var servers: [RunningServer] = []
        for index in 0..<3 { servers.append(try await counts.server(index)) }
        let client = HTTP2ClientTransport(targets: servers.map(\.address), backoff: quickBackoff)

        #expect(try await call(client, [[0]]).status == .ok)
        #expect(try await eventually { client.readyConnectionCount == 3 })
        _ = counts.take()
        for index in 0..<30 { #expect(try await call(client, [[UInt8(index)]]).messages == [[UInt8(index)]]) }
        #expect(counts.take() == [10, 10, 10])

        try await servers[1].stop()
        #expect(try await eventually { client.readyConnectionCount == 2 })
        for index in 0..<20 { #expect(try await call(client, [[UInt8(index)]]).status == .ok) }
        #expect(counts.take() == [10, 0, 10])

        // Back on the same port: the channel's retries (with backoff) find it again.
        servers[1] = try await counts.server(1, at: servers[1].address)
        #expect(try await eventually { client.readyConnectionCount == 3 })
        for index in 0..<30 { #expect(try await call(client, [[UInt8(index)]]).status == .ok) }
        #expect(counts.take() == [10, 10, 10])

        client.beginGracefulShutdown()
        try await client.run()
        for server in servers { try await server.stop() }
    }

    @Test("when every address refuses, a call fails with UNAVAILABLE naming how many were tried and the last error")
    func allAddressesDown() async throws {
        let addresses = try (0..<2).map { _ in try SilentListener().address }
        let client = HTTP2ClientTransport(targets: addresses, backoff: quickBackoff)
        let error = await #expect(throws: RPCError.self) { try await call(client, [[1]]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("none of the 2 addresses") == true, "\(String(describing: error))")
        #expect(error?.message.lowercased().contains("connection refused") == true)
        client.beginGracefulShutdown()
    }
}

import HTTP2Transport
import RPCCore
import Synchronization

/// An `RPCServer` over HTTP/2 on a free loopback port, running in a background task.
struct HTTP2TestServer {
    let server: RPCServer<HTTP2ServerTransport>
    let address: TransportAddress
    let task: Task<Void, any Error>

    static func start(
        _ router: RPCRouter<HTTP2ServerTransport>, settings: HTTP2Settings = HTTP2Settings()
    ) async throws -> HTTP2TestServer {
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0), settings: settings)
        let server = RPCServer(transport: transport, router: router)
        let task = Task { try await server.serve() }
        return HTTP2TestServer(server: server, address: try await transport.listeningAddress(), task: task)
    }

    /// Runs `body` with a client on its own connection to the server.
    func withClient<Result: Sendable>(
        _ body: (RPCClient<HTTP2ClientTransport>) async throws -> Result
    ) async throws -> Result {
        let client = RPCClient(transport: HTTP2ClientTransport(target: address))
        let connections = Task { try await client.run() }
        defer { client.beginGracefulShutdown() }
        let result = try await body(client)
        client.beginGracefulShutdown()
        try await connections.value
        return result
    }

    func stop() async throws {
        server.beginGracefulShutdown()
        try await task.value
    }
}

/// A flag set by one task and awaited, with a time limit, by another.
final class Signal: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .releasing) }

    /// Whether the flag was raised within `timeout`.
    func wait(timeout: Duration = .seconds(5)) async -> Bool {
        let giveUp = ContinuousClock.now.advanced(by: timeout)
        while !raised.load(ordering: .acquiring) {
            guard ContinuousClock.now < giveUp else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

/// A count shared by tasks.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() { value.add(1, ordering: .relaxed) }

    var count: Int { value.load(ordering: .relaxed) }
}

/// The distinct values recorded by concurrent tasks.
final class DistinctValues: Sendable {
    private let values = Mutex<Set<String>>([])

    func insert(_ value: String) { values.withLock { _ = $0.insert(value) } }

    var count: Int { values.withLock { $0.count } }
}

import Testing
import RPCCore
import InProcessTransport

typealias Router = RPCRouter<InProcessServerTransport>
typealias Client = RPCClient<InProcessClientTransport>

enum Methods {
    static let unary = MethodDescriptor(service: "rpctest.EchoService", method: "Get")
    static let serverStreaming = MethodDescriptor(service: "rpctest.EchoService", method: "Expand")
    static let clientStreaming = MethodDescriptor(service: "rpctest.EchoService", method: "Collect")
    static let bidirectional = MethodDescriptor(service: "rpctest.EchoService", method: "Update")
}

/// Runs a server with the router `configure` builds and a client connected to it in
/// process, each with its interceptors, runs `body`, then shuts both down gracefully and
/// waits for them to stop.
func withServer(
    bufferCapacity: Int = 16, maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize,
    clientInterceptors: [ScopedInterceptor<any ClientInterceptor>] = [],
    serverInterceptors: [ScopedInterceptor<any ServerInterceptor>] = [],
    _ configure: (inout Router) -> Void,
    _ body: (Client) async throws -> Void
) async throws {
    let serverTransport = InProcessServerTransport(maxReceiveMessageSize: maxReceiveMessageSize)
    var router = Router()
    configure(&router)
    let server = RPCServer(transport: serverTransport, router: router, scopedInterceptors: serverInterceptors)
    let client = RPCClient(
        transport: InProcessClientTransport(server: serverTransport, bufferCapacity: bufferCapacity),
        scopedInterceptors: clientInterceptors)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        group.addTask { try await client.runConnections() }
        let outcome: Result<Void, any Error>
        do {
            try await body(client)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        client.beginGracefulShutdown()
        server.beginGracefulShutdown()
        try await group.waitForAll()
        try outcome.get()
    }
}

/// The ``RPCError`` a call fails with, or `nil` when it succeeds.
func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        Issue.record("expected RPCError, got \(error)")
        return nil
    }
}

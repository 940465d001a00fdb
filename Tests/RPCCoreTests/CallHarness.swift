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
    serverInterceptors: [ScopedInterceptor<any ServerInterceptor>] = [], serviceConfig: ServiceConfig? = nil,
    _ configure: (inout Router) -> Void,
    _ body: (Client) async throws -> Void
) async throws {
    var router = Router()
    configure(&router)
    try await withInProcessServer(
        router, maxReceiveMessageSize: maxReceiveMessageSize, bufferCapacity: bufferCapacity,
        serverInterceptors: serverInterceptors, clientInterceptors: clientInterceptors,
        serviceConfig: serviceConfig, body)
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

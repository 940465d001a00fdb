import RPCCore

/// Serves `router` in process and runs `body` with a client of that server; when `body` ends
/// (returns or throws), shuts the client and the server down gracefully and waits for both
/// to stop, then returns what `body` returned or throws what it threw.
///
/// - Parameters:
///   - maxReceiveMessageSize: the largest request message the server's handlers accept.
///   - bufferCapacity: the request and response parts each stream buffers.
///   - serverInterceptors: the server's interceptors, each applied to the methods in its scope.
///   - clientInterceptors: the client's interceptors, likewise.
///   - serviceConfig: the client's service config.
/// - Throws: what `body` throws, or the error that stopped the server or the client.
@discardableResult
public func withInProcessServer<Result: Sendable>(
    _ router: RPCRouter<InProcessServerTransport>,
    maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize, bufferCapacity: Int = 16,
    serverInterceptors: [ScopedInterceptor<any ServerInterceptor>] = [],
    clientInterceptors: [ScopedInterceptor<any ClientInterceptor>] = [], serviceConfig: ServiceConfig? = nil,
    _ body: (RPCClient<InProcessClientTransport>) async throws -> Result
) async throws -> Result {
    let serverTransport = InProcessServerTransport(maxReceiveMessageSize: maxReceiveMessageSize)
    let server = RPCServer(transport: serverTransport, router: router, scopedInterceptors: serverInterceptors)
    let client = RPCClient(
        transport: InProcessClientTransport(server: serverTransport, bufferCapacity: bufferCapacity),
        serviceConfig: serviceConfig, scopedInterceptors: clientInterceptors)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        group.addTask { try await client.run() }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(client))
        } catch {
            outcome = .failure(error)
        }
        client.beginGracefulShutdown()
        server.beginGracefulShutdown()
        try await group.waitForAll()
        return try outcome.get()
    }
}

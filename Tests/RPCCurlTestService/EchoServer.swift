import GRPCReflection
import HTTP2Transport
import RPCCore
import TLSEngine

/// Serves `rpccurltest.Echo` (and reflection when `reflection` is true) over HTTP/2 at
/// `address` (port 0 picks a free one), over TLS with `tls` when given, while `body` runs with
/// the address it is bound to; then shuts the server down, cancelling calls still open after a
/// second.
///
/// - Throws: what `body` throws, or the transport's error when it cannot listen.
public func withEchoServer<Result>(
    at address: TransportAddress = .tcp(host: "127.0.0.1", port: 0), reflection: Bool = true,
    tls: TLSServerConfiguration? = nil, _ body: (TransportAddress) async throws -> Result
) async throws -> Result {
    var router = RPCRouter<HTTP2ServerTransport>()
    EchoService().registerMethods(with: &router)
    if reflection {
        try router.registerReflection(
            serializedFiles: [Rpccurltest_Echo_FileDescriptor.serialized]
                + Rpccurltest_Echo_FileDescriptor.dependencies)
    }
    let transport = HTTP2ServerTransport(address: address, tls: tls)
    let server = RPCServer(transport: transport, router: router)
    let serving = Task { try await server.serve() }
    let outcome: Swift.Result<Result, any Error>
    do {
        outcome = .success(try await body(try await transport.listeningAddress()))
    } catch {
        outcome = .failure(error)
    }
    server.beginGracefulShutdown(gracePeriod: .seconds(1))
    try await serving.value
    return try outcome.get()
}

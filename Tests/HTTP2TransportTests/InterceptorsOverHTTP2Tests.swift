@testable import HTTP2Transport
import RPCCore
import Testing

/// Appends `value` to the request metadata's `key`.
private struct StampingClientInterceptor: ClientInterceptor {
    let key: String
    let value: String

    func intercept<Value: Sendable>(
        call: ClientCallHead, next: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
    ) async throws(RPCError) -> ClientCallOutcome<Value> {
        var call = call
        call.metadata.append(value, forKey: key)
        return try await next(call)
    }
}

/// Ends every call with PERMISSION_DENIED before it reaches the transport.
private struct OfflineClientInterceptor: ClientInterceptor {
    func intercept<Value: Sendable>(
        call: ClientCallHead, next: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
    ) async throws(RPCError) -> ClientCallOutcome<Value> {
        throw RPCError(code: .permissionDenied, message: "\(call.descriptor) is not allowed offline")
    }
}

/// Refuses calls without `x-token: let-me-in` (UNAUTHENTICATED); otherwise names the peer and
/// itself in the response headers, and itself in the request metadata the handler reads.
private struct GatekeeperServerInterceptor: ServerInterceptor {
    let name: String

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard request.metadata.firstString(forKey: "x-token") == "let-me-in" else {
            throw RPCError(code: .unauthenticated, message: "\(name): who is \(context.remotePeer)?")
        }
        var request = request
        request.metadata.append(name, forKey: "x-gates")
        var response = try await next(request, context)
        response.metadata.append(name, forKey: "x-gates-out")
        response.metadata.append(context.remotePeer, forKey: "x-peer-seen-by-\(name)")
        return response
    }
}

@Suite("interceptors over the HTTP/2 transport", .timeLimit(.minutes(1)))
struct InterceptorsOverHTTP2Tests {
    private let greet = MethodDescriptor(service: "transporttest.Greeter", method: "Greet")

    @Test(
        "client interceptors' metadata reaches the server's chain and handler in order; server interceptors see the peer"
    )
    func metadataCrossesTheWire() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(greet) { (request: ServerRequest<Greeting>, _) in
            let chain =
                request.metadata.values(forKey: "x-chain").map(\.description)
                + request.metadata.values(forKey: "x-gates").map(\.description)
            return ServerResponse(message: Greeting(chain.joined(separator: " ")))
        }
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(
            transport: transport, router: router,
            interceptors: [GatekeeperServerInterceptor(name: "outer"), GatekeeperServerInterceptor(name: "inner")])
        let serving = Task { try await server.serve() }
        let address = try await transport.listeningAddress()
        let client = RPCClient(
            transport: HTTP2ClientTransport(target: address),
            interceptors: [
                StampingClientInterceptor(key: "x-token", value: "let-me-in"),
                StampingClientInterceptor(key: "x-chain", value: "first"),
                StampingClientInterceptor(key: "x-chain", value: "second"),
            ])

        let reply = try await client.unary(
            request: ClientRequest(message: Greeting("hi")), descriptor: greet, responseType: Greeting.self)
        #expect(reply.message.text == "first second outer inner")
        #expect(reply.metadata.values(forKey: "x-gates-out") == ["inner", "outer"])
        let peer = try #require(reply.metadata.firstString(forKey: "x-peer-seen-by-outer"))
        #expect(peer.hasPrefix("ipv4:127.0.0.1:"))

        let anonymous = RPCClient(transport: HTTP2ClientTransport(target: address))
        let refused = await #expect(throws: RPCError.self) {
            try await anonymous.unary(
                request: ClientRequest(message: Greeting("hi")), descriptor: greet, responseType: Greeting.self)
        }
        #expect(refused?.code == .unauthenticated)
        #expect(refused?.message.hasPrefix("outer: who is ipv4:127.0.0.1:") == true)

        server.beginGracefulShutdown()
        try await serving.value
    }

    @Test("a client interceptor ends a call with its status without connecting: no server needed")
    func earlyEndTouchesNoNetwork() async throws {
        // Nothing listens here: a call reaching the network would fail UNAVAILABLE instead.
        let probe = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let listening = Task { try await probe.listen { _, _ in } }
        let address = try await probe.listeningAddress()
        probe.beginGracefulShutdown()
        try await listening.value

        let client = RPCClient(
            transport: HTTP2ClientTransport(target: address), interceptors: [OfflineClientInterceptor()])
        let refused = await #expect(throws: RPCError.self) {
            try await client.unary(
                request: ClientRequest(message: Greeting("hi")), descriptor: greet, responseType: Greeting.self)
        }
        #expect(refused?.code == .permissionDenied)
        #expect(refused?.message == "/transporttest.Greeter/Greet is not allowed offline")
    }
}

@testable import HTTP2Transport
import RPCCore
import Testing

/// The service config's load-balancing policy chooses how the channel spreads calls.
@Suite("Client channel: the service config's loadBalancingConfig", .timeLimit(.minutes(2)))
struct LoadBalancingConfigTests {
    static let echo = MethodDescriptor(service: "echo.Echo", method: "Get")

    static func calls(_ client: RPCClient<HTTP2ClientTransport>, _ count: Int) async throws {
        for index in 0..<count {
            let response = try await client.unary(
                request: ClientRequest(message: Greeting("\(index)")), descriptor: echo, responseType: Greeting.self)
            #expect(response.message.text == "\(index)")
        }
    }

    @Test(
        "pick_first: every call goes to the first address and the second is not connected; when the first stops, to the second"
    )
    func pickFirst() async throws {
        let counts = CallCounts(servers: 2)
        let servers = [try await counts.server(0), try await counts.server(1)]
        let transport = HTTP2ClientTransport(targets: servers.map(\.address), backoff: quickBackoff)
        let client = RPCClient(transport: transport, serviceConfig: try ServiceConfig(loadBalancing: .pickFirst))

        try await Self.calls(client, 10)
        #expect(counts.take() == [10, 0])
        #expect(transport.readyConnectionCount == 1)

        try await servers[0].stop()
        #expect(try await eventually { transport.readyConnectionCount == 0 })
        try await Self.calls(client, 10)
        #expect(counts.take() == [0, 10])

        client.beginGracefulShutdown()
        try await servers[1].stop()
    }

    @Test("round_robin (and no policy): calls spread over both addresses")
    func roundRobin() async throws {
        for config in [try ServiceConfig(loadBalancing: .roundRobin), try ServiceConfig()] {
            let counts = CallCounts(servers: 2)
            let servers = [try await counts.server(0), try await counts.server(1)]
            let transport = HTTP2ClientTransport(targets: servers.map(\.address), backoff: quickBackoff)
            let client = RPCClient(transport: transport, serviceConfig: config)
            try await Self.calls(client, 1)
            #expect(try await eventually { transport.readyConnectionCount == 2 })
            _ = counts.take()
            try await Self.calls(client, 10)
            #expect(counts.take() == [5, 5])
            client.beginGracefulShutdown()
            for server in servers { try await server.stop() }
        }
    }

    @Test("clients of one target share its retry throttle; another target has its own")
    func throttleSharedPerTarget() throws {
        let config = try ServiceConfig(retryThrottling: try RetryThrottling(maxTokens: 10, tokenRatio: 0.1))
        let first = try HTTP2ClientTransport(target: "dns:///throttle.example:443")
        let second = try HTTP2ClientTransport(target: "dns:///throttle.example:443")
        let other = try HTTP2ClientTransport(target: "dns:///other.example:443")
        let shared = try #require(first.adopt(config))
        #expect(second.adopt(config) === shared)
        #expect(other.adopt(config) !== shared)
        for transport in [first, second, other] { transport.beginGracefulShutdown() }
    }
}

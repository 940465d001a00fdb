import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

@Suite("gRPC over the HTTP/2 transports", .timeLimit(.minutes(1)))
struct GRPCTransportTests {
    @Test("a unary call echoes its message through real sockets, with metadata and trailers")
    func unaryEcho() async throws {
        let server = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: server.address)
        let result = try await call(client, [Array("hello".utf8)])
        #expect(result.status == .ok)
        #expect(result.messages == [Array("hello".utf8)])
        #expect(result.metadata?.firstString(forKey: "x-echo") == "yes")
        #expect(result.trailers?.firstString(forKey: "x-trailer") == "done")
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test("a status written before any metadata reaches the client as a Trailers-Only response")
    func trailersOnly() async throws {
        let server = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: server.address)
        let result = try await call(client, [], metadata: ["x-status": "5"])
        #expect(result.status?.code == .notFound)
        #expect(result.status?.message == "asked for")
        #expect(result.metadata == nil)
        try await server.stop()
    }

    @Test("300 concurrent streams on one connection all complete, above the 256 stream limit")
    func manyConcurrentStreams() async throws {
        let server = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: server.address)
        let statuses = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<300 {
                group.addTask {
                    let payload = Array(repeating: UInt8(index % 256), count: 100 + index)
                    let result = try await call(client, [payload, payload])
                    return result.status == .ok && result.messages == [payload, payload]
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(statuses.count == 300)
        #expect(statuses.allSatisfy { $0 })
        try await server.stop()
    }

    @Test("50 concurrent 100 kB echoes complete: a flush that fills every pass comes back for the rest")
    func outputLargerThanOneFlush() async throws {
        let server = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: server.address)
        let echoed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let payload = Array(repeating: UInt8(index), count: 100_000)
                    let result = try await call(client, [payload])
                    return result.status == .ok && result.messages == [payload]
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(echoed.count == 50)
        #expect(echoed.allSatisfy { $0 })
        try await server.stop()
    }

    @Test("a call to a closed port fails with UNAVAILABLE naming the errno and the address")
    func connectionRefused() async throws {
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: 1))
        let error = await #expect(throws: RPCError.self) { try await call(client, [[1]]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.lowercased().contains("connection refused") == true)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        client.beginGracefulShutdown()
        try await client.run()
    }

    @Test("a call to a name that does not resolve fails with UNAVAILABLE naming getaddrinfo")
    func unresolvableHost() async throws {
        let client = HTTP2ClientTransport(target: .tcp(host: "no-such-host.invalid", port: 80))
        let error = await #expect(throws: RPCError.self) { try await call(client, [[1]]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("getaddrinfo") == true)
        client.beginGracefulShutdown()
    }

    @Test("a Unix domain socket carries calls")
    func unixDomainSocket() async throws {
        let path = "/tmp/http2transport-\(UInt32.random(in: 0...UInt32.max)).sock"
        let server = try await RunningServer.start(.unix(path: path))
        let client = HTTP2ClientTransport(target: .unix(path: path))
        let result = try await call(client, [[1, 2, 3]])
        #expect(result.status == .ok)
        #expect(result.messages == [[1, 2, 3]])
        try await server.stop()
    }

    @Test("IPv6 loopback ::1 carries calls, and the peer is named ipv6:[::1]:port")
    func ipv6Loopback() async throws {
        let peer = Rendezvous<String>()
        let server = try await RunningServer.start(.tcp(host: "::1", port: 0)) { stream, context in
            peer.set(context.remotePeer)
            await echoHandler(stream, context)
        }
        let client = HTTP2ClientTransport(target: server.address)
        let result = try await call(client, [[9]])
        #expect(result.status == .ok)
        #expect(await peer.value().hasPrefix("ipv6:[::1]:"))
        try await server.stop()
    }

    @Test("the server's listen fails with UNAVAILABLE naming EADDRINUSE when the port is taken")
    func addressInUse() async throws {
        let server = try await RunningServer.start()
        let second = HTTP2ServerTransport(address: server.address)
        let error = await #expect(throws: RPCError.self) { try await second.listen(echoHandler) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("Address already in use") == true)
        try await server.stop()
    }

    @Test("after the server shut down with GOAWAY, the next call connects again to the new server")
    func reconnectsAfterGoAway() async throws {
        let first = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: first.address)
        #expect(try await call(client, [[1]]).status == .ok)
        try await first.stop()
        // A call racing the GOAWAY may fail with UNAVAILABLE (retrying is the caller's choice);
        // wait until the client has seen it, then the next call must use a new connection.
        for _ in 0..<500 where client.hasUsableConnection { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!client.hasUsableConnection)
        let second = try await RunningServer.start(first.address)
        #expect(try await call(client, [[2]]).messages == [[2]])
        try await second.stop()
    }
}

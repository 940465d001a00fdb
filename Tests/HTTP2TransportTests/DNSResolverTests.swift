import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

/// A name server the test controls: the addresses `service.test` resolves to now, the
/// lookups made, and whether each ran where it should (on a lookup thread, never a loop).
private final class FakeDNS: Sendable {
    private let state = Mutex<(answer: [String]?, lookups: Int, offLoops: Bool, reports: [String])>((nil, 0, true, []))
    let port: Int

    init(port: Int, answer: [String]?) {
        self.port = port
        state.withLock { $0.answer = answer }
    }

    /// Answers with `hosts` (IPv4 literals), or fails like an unknown name when nil.
    func answer(_ hosts: [String]?) { state.withLock { $0.answer = hosts } }

    var lookups: Int { state.withLock(\.lookups) }
    var ranOffLoops: Bool { state.withLock(\.offLoops) }
    var reports: [String] { state.withLock(\.reports) }

    /// The lookup function the channel is given.
    var lookup: HostLookup {
        { [self] host, port throws(SocketError) in
            let offLoop = LookupThreads.shared.isCurrent && !EventLoopGroup.shared.loops.contains { $0.inEventLoop }
            let answer = state.withLock { state in
                state.lookups += 1
                state.offLoops = state.offLoops && offLoop
                return state.answer
            }
            guard host == "service.test", let answer else {
                throw SocketError(
                    operation: "getaddrinfo", errno: -2, address: host, message: "Name or service not known")
            }
            var addresses: [SocketAddress] = []
            for literal in answer {
                addresses += try SocketAddress.resolve(
                    .tcp(host: literal, port: port), passive: false, numericOnly: true)
            }
            return addresses
        }
    }

    /// A channel to `dns:///service.test:PORT` resolved by this server, re-resolving every 100 ms
    /// (`interval`) and at most every 50 ms after a failure.
    func channel(interval: Duration = .milliseconds(100)) -> HTTP2ClientTransport {
        HTTP2ClientTransport(
            addresses: .dns(
                host: "service.test", port: port,
                resolution: DNSResolution(interval: interval, minimumInterval: .milliseconds(50)),
                lookup: lookup, report: { [self] message in state.withLock { $0.reports.append(message) } }),
            authority: nil, settings: HTTP2Settings(), backoff: quickBackoff, group: .shared,
            compression: CompressionConfiguration(), tls: nil)
    }
}

/// Calls per server, counted by the servers' handlers.
private final class Counts: Sendable {
    let values = Mutex<[Int]>([0, 0])

    func take() -> [Int] {
        values.withLock { values in
            defer { values = [0, 0] }
            return values
        }
    }
}

/// Two echo servers on one port, at 127.0.0.1 and 127.0.0.2, counting their calls in `counts`.
private func startServers(_ counts: Counts) async throws -> (servers: [RunningServer], port: Int) {
    var servers: [RunningServer] = []
    var port = 0
    for (index, host) in ["127.0.0.1", "127.0.0.2"].enumerated() {
        let server = try await RunningServer.start(.tcp(host: host, port: port)) { stream, context in
            counts.values.withLock { $0[index] += 1 }
            await echoHandler(stream, context)
        }
        if case .tcp(_, let bound) = server.address { port = bound }
        servers.append(server)
    }
    return (servers, port)
}

/// Two servers, a name server answering `answer`, and a channel to it that made a call and
/// connected to every address of the answer; the counts start at zero.
private func connectedChannel(
    _ answer: [String], interval: Duration = .milliseconds(100)
) async throws -> (counts: Counts, servers: [RunningServer], dns: FakeDNS, client: HTTP2ClientTransport) {
    let counts = Counts()
    let (servers, port) = try await startServers(counts)
    let dns = FakeDNS(port: port, answer: answer)
    let client = dns.channel(interval: interval)
    #expect(try await call(client, [[0]]).status == .ok)
    #expect(try await eventually { client.readyConnectionCount == answer.count })
    _ = counts.take()
    return (counts, servers, dns, client)
}

/// Shuts the channel down, then the servers.
private func stop(_ client: HTTP2ClientTransport, _ servers: [RunningServer]) async throws {
    client.beginGracefulShutdown()
    try await client.run()
    for server in servers { try await server.stop() }
}

@Suite("Client channel: DNS targets, resolved off the loops", .timeLimit(.minutes(2)))
struct DNSResolverTests {
    @Test("a name with two addresses spreads calls over both; lookups run on a lookup thread, never a loop")
    func spreadsOverEveryAddress() async throws {
        let (counts, servers, dns, client) = try await connectedChannel(["127.0.0.1", "127.0.0.2"])
        for index in 0..<20 { #expect(try await call(client, [[UInt8(index)]]).messages == [[UInt8(index)]]) }
        #expect(counts.take() == [10, 10])
        #expect(dns.lookups >= 1)
        #expect(dns.ranOffLoops)

        try await stop(client, servers)
    }

    @Test("an address gone from the answer is drained: its open call finishes, new calls go to the rest")
    func drainsAddressesThatDisappear() async throws {
        let (counts, servers, dns, client) = try await connectedChannel(["127.0.0.1", "127.0.0.2"])
        let port = dns.port

        // One open call on each server, held open across the change of answer.
        let release = Rendezvous<Bool>()
        let open = (0..<2).map { index in
            Task {
                try await client.withStream(
                    descriptor: MethodDescriptor(service: "echo.Echo", method: "Get"), options: CallOptions()
                ) { stream in
                    try await stream.outbound.write(.metadata([:]))
                    _ = await release.value()
                    try await stream.outbound.write(.message([UInt8(index)]))
                    await stream.outbound.finish()
                    var status: Status?
                    for try await part in stream.inbound { if case .status(let final, _) = part { status = final } }
                    return status
                }
            }
        }
        #expect(try await eventually { counts.values.withLock { $0 } == [1, 1] })

        dns.answer(["127.0.0.1"])
        #expect(try await eventually { client.subchannels.map(\.address) == [.tcp(host: "127.0.0.1", port: port)] })
        release.set(true)
        for call in open { #expect(try await call.value?.code == .ok) }
        _ = counts.take()
        for index in 0..<10 { #expect(try await call(client, [[UInt8(index)]]).status == .ok) }
        #expect(counts.take() == [10, 0])

        try await stop(client, servers)
    }

    @Test("a name that stops resolving keeps its last addresses, reported once per run of failures")
    func keepsLastGoodAnswer() async throws {
        let (_, servers, dns, client) = try await connectedChannel(["127.0.0.1"], interval: .milliseconds(20))
        let port = dns.port

        dns.answer(nil)
        let before = dns.lookups
        #expect(try await eventually { dns.lookups >= before + 5 })
        for index in 0..<5 { #expect(try await call(client, [[UInt8(index)]]).status == .ok) }
        #expect(client.subchannels.count == 1)
        #expect(dns.reports.count == 1)
        #expect(dns.reports.first?.contains("dns:///service.test:\(port) no longer resolves") == true, "\(dns.reports)")
        #expect(dns.reports.first?.contains("keeping its last 1 address") == true)

        // Resolving again, then failing again, is a new run: one more report.
        dns.answer(["127.0.0.1", "127.0.0.2"])
        #expect(try await eventually { client.subchannels.count == 2 })
        dns.answer(nil)
        #expect(try await eventually { dns.reports.count == 2 })

        try await stop(client, servers)
    }

    @Test("a name that never resolved fails calls with UNAVAILABLE naming the target and the lookup's error")
    func neverResolved() async throws {
        let dns = FakeDNS(port: 1, answer: nil)
        let client = dns.channel()
        let error = await #expect(throws: RPCError.self) { try await call(client, [[1]]) }
        #expect(error?.code == .unavailable)
        #expect(
            error?.message.contains("dns:///service.test:1 does not resolve") == true, "\(String(describing: error))")
        #expect(error?.message.contains("Name or service not known") == true)
        client.beginGracefulShutdown()
    }

    @Test("a failed connection asks for a lookup before the interval, no sooner than the minimum")
    func failureTriggersLookup() async throws {
        let (_, servers, dns, client) = try await connectedChannel(["127.0.0.1"], interval: .seconds(600))
        let before = dns.lookups
        try await servers[0].stop()
        #expect(try await eventually { dns.lookups > before })
        client.beginGracefulShutdown()
        try await servers[1].stop()
    }

    @Test("dns:///localhost:PORT resolves with the system's getaddrinfo and reaches a local server")
    func systemLookupOfLocalhost() async throws {
        let server = try await RunningServer.start()
        let port = try server.address.tcpPort()
        let client = try HTTP2ClientTransport(target: "dns:///localhost:\(port)", backoff: quickBackoff)
        var options = CallOptions()
        options.waitForReady = true
        options.deadline = .now + .seconds(10)
        #expect(try await call(client, [[7]], options: options).messages == [[7]])
        #expect(client.subchannels.contains { $0.address == .tcp(host: "127.0.0.1", port: port) })
        client.beginGracefulShutdown()
        try await client.run()
        try await server.stop()
    }
}

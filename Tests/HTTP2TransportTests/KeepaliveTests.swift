import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

@Suite("Keepalive PINGs, the server's ping policy and idle timeout", .timeLimit(.minutes(2)))
struct KeepaliveTests {
    @Test("keepalive finds a peer that accepted the connection but never answers: the call fails UNAVAILABLE")
    func keepaliveDetectsDeadPeer() async throws {
        let listener = try SilentListener()
        var settings = HTTP2Settings()
        settings.keepalive = ClientKeepalive(interval: .milliseconds(200), timeout: .milliseconds(300))
        let client = HTTP2ClientTransport(target: listener.address, settings: settings)
        let started = ContinuousClock.now
        let result = try await call(client, [[1]])
        #expect(result.status?.code == .unavailable)
        #expect(result.status?.message.contains("keepalive PING") == true, "\(String(describing: result.status))")
        // interval + timeout is 0.5 s; the rest is slack for a loaded machine.
        #expect(started.duration(to: .now) < .seconds(10))
        client.beginGracefulShutdown()
        withExtendedLifetime(listener) {}
    }

    @Test("keepalive PINGs answered by a live server leave a long call alone")
    func keepaliveSparesLiveServer() async throws {
        var serverSettings = HTTP2Settings()
        serverSettings.pingPolicy = PingPolicy(minInterval: .milliseconds(10), permitWithoutCalls: true)
        let server = try await RunningServer.start(settings: serverSettings) { stream, context in
            try? await Task.sleep(for: .milliseconds(1500))
            await echoHandler(stream, context)
        }
        var settings = HTTP2Settings()
        settings.keepalive = ClientKeepalive(interval: .milliseconds(100), timeout: .seconds(5))
        let client = HTTP2ClientTransport(target: server.address, settings: settings)
        let result = try await call(client, [[7]])
        #expect(result.status == .ok)
        #expect(result.messages == [[7]])
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test(
        "a client pinging more often than gRPC's default policy allows gets GOAWAY ENHANCE_YOUR_CALM and is disconnected"
    )
    func pingFloodGetsGoAway() async throws {
        let server = try await RunningServer.start()
        let loop = EventLoopGroup.shared.next()
        let closed = Rendezvous<String>()
        let connection = try await HTTP2Connector.connect(to: server.address, on: loop, settings: HTTP2Settings()) {
            closed.set($0)
        }
        for _ in 0..<6 {
            await onLoop(loop) { connection.sendPing() }
            try await Task.sleep(for: .milliseconds(30))
        }
        _ = await closed.value()
        let goAway = await onLoop(loop) { connection.goAway?.errorCode }
        #expect(goAway == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        try await server.stop()
    }

    @Test("pings spaced as the server's policy allows are answered and never punished")
    func politePingsAreFine() async throws {
        var serverSettings = HTTP2Settings()
        serverSettings.pingPolicy = PingPolicy(minInterval: .milliseconds(20), permitWithoutCalls: true)
        let server = try await RunningServer.start(settings: serverSettings)
        let loop = EventLoopGroup.shared.next()
        let connection = try await HTTP2Connector.connect(to: server.address, on: loop, settings: HTTP2Settings())
        for _ in 0..<6 {
            await onLoop(loop) { connection.sendPing() }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await onLoop(loop) { connection.goAway == nil && connection.isUsable })
        await onLoop(loop) { connection.close("test over") }
        try await server.stop()
    }

    @Test(
        "our own client's keepalive set far below the server's policy gets its connection closed, then pings half as often"
    )
    func aggressiveKeepaliveIsCut() async throws {
        let server = try await RunningServer.start()
        var settings = HTTP2Settings()
        settings.keepalive = ClientKeepalive(
            interval: .milliseconds(50), timeout: .seconds(5), permitWithoutCalls: true)
        let client = HTTP2ClientTransport(target: server.address, settings: settings)
        #expect(try await call(client, [[1]]).status == .ok)
        #expect(try await eventually { !client.hasUsableConnection })
        // GOAWAY makes the connection unusable before it closes; the slow-down happens at the close.
        #expect(try await eventually { client.subchannels[0].keepalive?.interval == .milliseconds(100) })
        #expect(try await call(client, [[2]]).status == .ok)
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test(
        "a connection without streams for the idle timeout gets GOAWAY(NO_ERROR) and is closed; one with a long call is not; the channel reconnects after"
    )
    func idleTimeoutClosesConnections() async throws {
        var serverSettings = HTTP2Settings()
        serverSettings.idleTimeout = .milliseconds(400)
        let server = try await RunningServer.start(settings: serverSettings) { stream, context in
            try? await Task.sleep(for: .milliseconds(1500))
            await echoHandler(stream, context)
        }
        let loop = EventLoopGroup.shared.next()
        let closed = Rendezvous<String>()
        let started = ContinuousClock.now
        let connection = try await HTTP2Connector.connect(to: server.address, on: loop, settings: HTTP2Settings()) {
            closed.set($0)
        }
        _ = await closed.value()
        #expect(started.duration(to: .now) >= .milliseconds(400))
        #expect(await onLoop(loop) { connection.goAway?.errorCode } == HTTP2ErrorCode.noError.rawValue)

        let client = HTTP2ClientTransport(target: server.address)
        let result = try await call(client, [[3]])
        #expect(result.status == .ok)
        #expect(try await eventually { !client.hasUsableConnection })
        // The channel connects again for the next call.
        #expect(try await call(client, [[4]]).messages == [[4]])
        client.beginGracefulShutdown()
        try await server.stop()
    }
}

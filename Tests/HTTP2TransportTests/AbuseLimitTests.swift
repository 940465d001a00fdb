import Foundation
import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Testing

/// What a raw peer saw: the frames, and whether the server closed the connection.
private struct Exchange: Sendable {
    let frames: [RawFrame]
    let closed: Bool

    var goAway: RawFrame? { frames.last { $0.type == RawFrame.goAway } }
    func resets(_ code: UInt32) -> [UInt32] {
        frames.filter { $0.type == RawFrame.rstStream && $0.errorCode == code }.map(\.streamID)
    }
}

extension RawFrame: @unchecked Sendable {}

/// Connects a raw peer to `server`, lets `body` drive it, then reads until the server closes
/// the connection or `stop` accepts a frame.
private func exchange(
    _ server: RunningServer, stop: @escaping @Sendable (RawFrame) -> Bool = { _ in false },
    _ body: @escaping @Sendable (RawHTTP2Peer) -> Void
) async throws -> Exchange {
    let port = try server.address.tcpPort()
    return try await onOwnThread {
        let peer = RawHTTP2Peer(port: port)
        body(peer)
        let frames = peer.readFrames(until: stop)
        return Exchange(frames: frames, closed: peer.closedByServer)
    }
}

/// The server still answers an ordinary call on a new connection.
private func expectStillServing(_ server: RunningServer) async throws {
    let client = HTTP2ClientTransport(target: server.address)
    #expect(try await call(client, [[7]]).messages == [[7]])
}

private let ack: @Sendable (RawFrame) -> Bool = { $0.type == RawFrame.ping && $0.flags & RawFrame.ack != 0 }

@Suite("Abuse limits: what a peer can make the server hold", .timeLimit(.minutes(1)))
struct AbuseLimitTests {
    @Test(
        "a request header list over SETTINGS_MAX_HEADER_LIST_SIZE is answered RESOURCE_EXHAUSTED; the connection serves on"
    )
    func oversizedMetadataIsRefused() async throws {
        var settings = HTTP2Settings()
        settings.maxHeaderListSize = 4096
        let server = try await RunningServer.start(settings: settings)
        let client = HTTP2ClientTransport(target: server.address)
        let big = try await call(client, [[1]], metadata: ["x-big": .string(String(repeating: "b", count: 5000))])
        #expect(big.status?.code == .resourceExhausted)
        #expect(big.status?.message.contains("4096") == true, "\(String(describing: big.status))")
        #expect(try await call(client, [[2]], metadata: ["x-small": "s"]).messages == [[2]])
        try await server.stop()
    }

    @Test("a client refuses response headers over its own SETTINGS_MAX_HEADER_LIST_SIZE: RESOURCE_EXHAUSTED")
    func oversizedResponseMetadataIsRefused() async throws {
        let server = try await RunningServer.start { stream, _ in
            try? await stream.outbound.write(.metadata(["x-big": .string(String(repeating: "b", count: 5000))]))
            try? await stream.outbound.write(.status(.ok, [:]))
        }
        var settings = HTTP2Settings()
        settings.maxHeaderListSize = 4096
        let client = HTTP2ClientTransport(target: server.address, settings: settings)
        #expect(try await call(client, [[1]]).status?.code == .resourceExhausted)
        try await server.stop()
    }

    @Test("an HPACK bomb (one 4 KB field referenced 64 Ki times) is refused without the server holding it")
    func headerBombIsNotBuffered() async throws {
        let server = try await RunningServer.start()
        let entry = [0x40] + RawHPACK.string("x-bomb") + RawHPACK.string(String(repeating: "a", count: 4000))
        let references = [UInt8](repeating: 0x80 | 62, count: 64 << 10)
        let peakBefore = try #require(resetPeakResidentSize(), "/proc/self/clear_refs is needed to measure the peak")
        let result = try await exchange(
            server, stop: { $0.type == RawFrame.headers && $0.flags & RawFrame.endStream != 0 }
        ) { peer in
            peer.handshake()
            let block = RawHPACK.request() + entry + references
            var frames = [RawFrame.headers(1, Array(block.prefix(16 << 10)), endStream: true, endHeaders: false)]
            var rest = block.dropFirst(16 << 10)
            while !rest.isEmpty {
                let chunk = Array(rest.prefix(16 << 10))
                rest = rest.dropFirst(chunk.count)
                frames.append(.continuation(1, chunk, endHeaders: rest.isEmpty))
            }
            peer.send(frames)
        }
        let blocks = RawHPACK.decodeBlocks(result.frames)
        #expect(blocks.last?.fields["grpc-status"] == "8", "\(blocks)")
        #expect(result.goAway == nil)
        let peakAfter = try #require(peakResidentSize())
        // Buffered, the bomb would be 64 Ki fields of 4 KB: 256 MiB.
        #expect(peakAfter - peakBefore < 64 << 20, "peak RSS grew by \((peakAfter - peakBefore) >> 20) MiB")
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("streams beyond MAX_CONCURRENT_STREAMS are refused with RST_STREAM REFUSED_STREAM; the others are served")
    func excessStreamsAreRefused() async throws {
        var settings = HTTP2Settings()
        settings.maxConcurrentStreams = 2
        let server = try await RunningServer.start(settings: settings)
        // The echo handler waits for the end of each request: streams 1 and 3 stay open.
        let result = try await exchange(server, stop: { $0.type == RawFrame.rstStream }) { peer in
            peer.handshake()
            peer.send([1, 3, 5].map { RawFrame.headers($0, RawHPACK.request()) })
        }
        #expect(result.resets(HTTP2ErrorCode.refusedStream.rawValue) == [5])
        #expect(result.goAway == nil)
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("a client that acknowledged MAX_CONCURRENT_STREAMS and exceeds it gets GOAWAY PROTOCOL_ERROR")
    func excessStreamsAfterAcknowledgementEndTheConnection() async throws {
        var settings = HTTP2Settings()
        settings.maxConcurrentStreams = 2
        let server = try await RunningServer.start(settings: settings)
        let result = try await exchange(server) { peer in
            peer.handshake()
            _ = peer.readFrames { $0.type == RawFrame.settings && $0.flags & RawFrame.ack == 0 }
            peer.send([RawFrame.settings(ack: true)] + [1, 3, 5].map { RawFrame.headers($0, RawHPACK.request()) })
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.protocolError.rawValue)
        #expect(result.closed)
        try await server.stop()
    }

    @Test("rapid reset: a client opening and resetting streams past the budget gets GOAWAY ENHANCE_YOUR_CALM")
    func rapidResetGetsGoAway() async throws {
        var settings = HTTP2Settings()
        settings.limits.streamResets = RateLimit(burst: 50, perSecond: 1)
        let server = try await RunningServer.start(settings: settings)
        let result = try await exchange(server) { peer in
            peer.handshake()
            let frames = (0..<200).flatMap { index -> [RawFrame] in
                let id = UInt32(2 * index + 1)
                return [.headers(id, RawHPACK.request()), .rstStream(id)]
            }
            peer.send(frames)
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        #expect(result.goAway?.debugData == "too_many_resets")
        #expect(result.closed)
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("resets within the budget are answered as usual, without GOAWAY")
    func resetsWithinBudgetAreFine() async throws {
        var settings = HTTP2Settings()
        settings.limits.streamResets = RateLimit(burst: 50, perSecond: 1)
        let server = try await RunningServer.start(settings: settings)
        let result = try await exchange(server, stop: ack) { peer in
            peer.handshake()
            let frames = (0..<40).flatMap { index -> [RawFrame] in
                let id = UInt32(2 * index + 1)
                return [.headers(id, RawHPACK.request()), .rstStream(id)]
            }
            peer.send(frames + [.ping(1)])
        }
        #expect(result.frames.contains(where: ack))
        #expect(result.goAway == nil)
        try await server.stop()
    }

    @Test("a CONTINUATION flood (more than 8 after one HEADERS) gets GOAWAY ENHANCE_YOUR_CALM and a close")
    func continuationFloodEndsTheConnection() async throws {
        let server = try await RunningServer.start()
        let result = try await exchange(server) { peer in
            peer.handshake()
            let filler = RawHPACK.encode([("x-filler", "f")])
            peer.send(
                [.headers(1, RawHPACK.request(), endHeaders: false)]
                    + (0..<50).map { _ in RawFrame.continuation(1, filler, endHeaders: false) })
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        #expect(result.closed)
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("eight CONTINUATIONs after HEADERS are still a request")
    func eightContinuationsAreFine() async throws {
        let server = try await RunningServer.start()
        let result = try await exchange(
            server, stop: { $0.type == RawFrame.headers && $0.flags & RawFrame.endStream != 0 }
        ) { peer in
            peer.handshake()
            let filler = RawHPACK.encode([("x-filler", "f")])
            peer.send(
                [.headers(1, RawHPACK.request(), endStream: true, endHeaders: false)]
                    + (0..<8).map { RawFrame.continuation(1, filler, endHeaders: $0 == 7) })
        }
        #expect(RawHPACK.decodeBlocks(result.frames).last?.fields["grpc-status"] == "0")
        #expect(result.goAway == nil)
        try await server.stop()
    }

    @Test("a PING flood gets GOAWAY ENHANCE_YOUR_CALM too_many_pings from the ping policy")
    func pingFloodGetsGoAway() async throws {
        let server = try await RunningServer.start()
        let result = try await exchange(server) { peer in
            peer.handshake()
            peer.send((0..<100).map { RawFrame.ping(UInt64($0)) })
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        #expect(result.goAway?.debugData == "too_many_pings")
        #expect(result.closed)
        try await server.stop()
    }

    @Test("a peer that floods PINGs without reading the ACKs is disconnected, even with the ping policy off")
    func unreadPingAcksAreBounded() async throws {
        var settings = HTTP2Settings()
        settings.pingPolicy = PingPolicy(maxStrikes: 0)
        let server = try await RunningServer.start(settings: settings)
        let port = try server.address.tcpPort()
        let closed = try await onOwnThread { () -> Bool in
            let peer = RawHTTP2Peer(port: port, receiveBufferSize: 4096)
            peer.handshake()
            let pings = (0..<4096).flatMap { RawFrame.ping(UInt64($0)).bytes }
            // 256 MiB of PINGs at most; the ACKs the server cannot write pile up to its limit.
            for _ in 0..<4096 where peer.send(pings) {}
            return peer.closedByServer
        }
        #expect(closed)
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("a SETTINGS flood gets GOAWAY ENHANCE_YOUR_CALM too_many_settings")
    func settingsFloodGetsGoAway() async throws {
        let server = try await RunningServer.start()
        let result = try await exchange(server) { peer in
            peer.handshake()
            peer.send((0..<150).map { _ in RawFrame.settings([(id: 4, value: 65535)]) })
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        #expect(result.goAway?.debugData == "too_many_settings")
        #expect(result.closed)
        try await expectStillServing(server)
        try await server.stop()
    }

    @Test("a SETTINGS frame with more than 32 entries gets GOAWAY ENHANCE_YOUR_CALM")
    func settingsWithTooManyEntriesGetGoAway() async throws {
        let server = try await RunningServer.start()
        let result = try await exchange(server) { peer in
            peer.send(RawHTTP2Peer.preface + RawFrame.settings((0..<40).map { _ in (id: 4, value: 65535) }).bytes)
        }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue)
        #expect(result.closed)
        try await server.stop()
    }

    @Test("a connection that sends no preface, or no SETTINGS after it, is closed after the handshake timeout")
    func silentConnectionsAreClosed() async throws {
        var settings = HTTP2Settings()
        settings.limits.handshakeTimeout = .milliseconds(300)
        let server = try await RunningServer.start(settings: settings)
        for opening in [[], RawHTTP2Peer.preface] {
            let start = ContinuousClock.now
            let result = try await exchange(server) { peer in peer.send(opening) }
            let elapsed = start.duration(to: .now)
            #expect(result.closed)
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(4), "closed after \(elapsed)")
        }
        try await server.stop()
    }

    @Test("a connection that completed its handshake outlives the handshake timeout")
    func handshakenConnectionsStay() async throws {
        var settings = HTTP2Settings()
        settings.limits.handshakeTimeout = .milliseconds(200)
        let server = try await RunningServer.start(settings: settings)
        let result = try await exchange(server, stop: ack) { peer in
            peer.handshake()
            Thread.sleep(forTimeInterval: 0.6) // the peer's own thread, not the pool
            peer.send([.ping(9)])
        }
        #expect(result.frames.contains(where: ack))
        #expect(!result.closed)
        try await server.stop()
    }

    @Test("an idle connection is sent GOAWAY NO_ERROR max_idle and closed after the idle timeout")
    func idleConnectionsAreClosed() async throws {
        var settings = HTTP2Settings()
        settings.idleTimeout = .milliseconds(300)
        let server = try await RunningServer.start(settings: settings)
        let result = try await exchange(server) { peer in peer.handshake() }
        #expect(result.goAway?.errorCode == HTTP2ErrorCode.noError.rawValue)
        #expect(result.goAway?.debugData == "max_idle")
        #expect(result.closed)
        try await server.stop()
    }
}

/// Resets the process's peak resident set size to the current one; returns it in bytes, or
/// nil where /proc does not allow it (the test then fails: Linux allows it).
private func resetPeakResidentSize() -> Int? {
    guard FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs"),
        (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    else { return nil }
    return peakResidentSize()
}

/// The process's peak resident set size (VmHWM), in bytes.
private func peakResidentSize() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return nil }
    return kilobytes << 10
}

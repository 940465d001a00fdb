import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Testing

/// Connects a plain blocking TCP socket to `port`, sends `bytes`, and returns everything the
/// server sends until it closes the connection (or 5 s pass).
private func sendRaw(_ bytes: [UInt8], toPort port: Int) throws -> [UInt8] {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    #expect(connected == 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        received += buffer[0..<count]
    }
    return received
}

/// The HTTP/2 connection preface a client sends first.
private let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

@Suite("Malformed peer input closes the connection cleanly", .timeLimit(.minutes(1)))
struct MalformedPeerTests {
    @Test("bytes that are not an HTTP/2 preface close the connection and the server keeps serving")
    func garbagePrefaceClosesConnection() async throws {
        let server = try await RunningServer.start()
        let port = try server.address.tcpPort()
        let reply = try await onOwnThread { try sendRaw(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), toPort: port) }
        #expect(reply.count < 1024) // at most SETTINGS and GOAWAY, then the close
        let client = HTTP2ClientTransport(target: server.address)
        #expect(try await call(client, [[1]]).status == .ok)
        try await server.stop()
    }

    @Test(
        "a frame with an impossible length after a valid preface is answered with GOAWAY(FRAME_SIZE_ERROR) and a close")
    func oversizedFrameGetsGoAway() async throws {
        let server = try await RunningServer.start()
        let port = try server.address.tcpPort()
        // Empty SETTINGS, then a DATA frame header claiming 16 MiB - 1 on stream 1.
        let bytes =
            preface + [0, 0, 0, 4, 0, 0, 0, 0, 0] + [0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 1]
            + [UInt8](repeating: 0, count: 64)
        let reply = try await onOwnThread { try sendRaw(bytes, toPort: port) }
        // Find a GOAWAY frame (type 7) in the reply and read its error code.
        var offset = 0
        var goAwayCode: UInt32?
        while offset + 9 <= reply.count {
            let length = Int(reply[offset]) << 16 | Int(reply[offset + 1]) << 8 | Int(reply[offset + 2])
            if reply[offset + 3] == 7, offset + 9 + 8 <= reply.count {
                let codeStart = offset + 9 + 4
                goAwayCode = reply[codeStart..<codeStart + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            offset += 9 + length
        }
        #expect(goAwayCode == 6) // FRAME_SIZE_ERROR
        try await server.stop()
    }

    @Test("a client vanishing in the middle of a streamed response leaves the server serving other clients")
    func peerVanishingMidResponse() async throws {
        let server = try await RunningServer.start { stream, context in
            guard stream.descriptor.method == "Flood" else { return await echoHandler(stream, context) }
            do throws(RPCError) {
                try await stream.outbound.write(.metadata([:]))
                for _ in 0..<400 { try await stream.outbound.write(.message([UInt8](repeating: 1, count: 16 << 10))) }
                try await stream.outbound.write(.status(.ok, [:]))
            } catch {
                // The client is gone; the writer reports why.
            }
        }
        let port = try server.address.tcpPort()
        let loop = EventLoopGroup.shared.next()
        let connection = try await HTTP2Connector.connect(
            to: .tcp(host: "127.0.0.1", port: port), on: loop, settings: HTTP2Settings())
        let head = ClientRequestHead(
            scheme: "http", authority: "x", descriptor: MethodDescriptor(service: "echo.Echo", method: "Flood"))
        let stream = try await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: connection.openStream(headers: head.headerFields)) }
        }.get()
        stream.finish(trailers: nil)
        _ = await stream.events.next() // the response headers: the server is writing now
        loop.execute { connection.close("the test client vanishes") }
        let client = HTTP2ClientTransport(target: server.address)
        #expect(try await call(client, [[5]]).messages == [[5]])
        try await server.stop()
    }
}

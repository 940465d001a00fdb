import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Testing

/// A server that answers each request with its own body, as a gRPC response would carry it.
private func startEchoServer(settings: HTTP2Settings = HTTP2Settings()) async throws -> HTTP2Listener {
    try await HTTP2Listener.bind(
        to: .tcp(host: "127.0.0.1", port: 0), group: .shared, settings: settings
    ) { stream in
        // Accepted as the server transport accepts a request, so its DATA arrives as messages.
        _ = stream.acceptRequestHead(compression: CompressionConfiguration(), maxReceiveMessageSize: 1 << 20)
        Task(executorPreference: stream.connection.loop) {
            var sentHeaders = false
            loop: while true {
                switch await stream.inbound.next() {
                case .headers, .data, .malformed:
                    continue // server streams receive messages
                case .message(let bytes, let compressed, let consumed):
                    if !sentHeaders {
                        stream.sendResponseHeaders(.plainResponseHeaders, endStream: false)
                        sentHeaders = true
                    }
                    stream.messageTaken(consumed: consumed)
                    _ = await stream.send(message: bytes, compressed: compressed)
                case .end:
                    if !sentHeaders {
                        stream.sendResponseHeaders(.plainResponseHeaders, endStream: false)
                    }
                    stream.finish(trailers: .okTrailers)
                    break loop
                case .reset, .connectionClosed, .cancelled:
                    break loop
                }
            }
        }
    }
}

/// Reads a client stream to its end: the header blocks and the concatenated body.
private func collect(_ stream: HTTP2StreamChannel) async -> (blocks: [[HeaderField]], body: [UInt8], ended: Bool) {
    var blocks: [[HeaderField]] = []
    var body: [UInt8] = []
    while true {
        switch await stream.inbound.next() {
        case .headers(let block, let endStream):
            blocks.append(block)
            if endStream { return (blocks, body, true) }
        case .data(let bytes):
            stream.consume(bytes.count)
            body += bytes
        case .end: return (blocks, body, true)
        case .message, .malformed: continue // server streams only
        case .reset, .connectionClosed, .cancelled: return (blocks, body, false)
        }
    }
}

@Suite("Raw HTTP/2 over the event loop", .timeLimit(.minutes(1)))
struct RawHTTP2Tests {
    @Test("a request body comes back as the response body, with trailers after it")
    func echoOneRequest() async throws {
        let listener = try await startEchoServer()
        let loop = EventLoopGroup.shared.next()
        let connection = try await HTTP2Connector.connect(
            to: .tcp(host: "127.0.0.1", port: listener.port), on: loop, settings: HTTP2Settings())
        let stream = try await withCheckedContinuation { continuation in
            loop.execute {
                let head = ClientRequestHead(
                    scheme: "http", authority: "localhost",
                    descriptor: MethodDescriptor(service: "echo.Echo", method: "Get"))
                continuation.resume(returning: connection.openStream(headers: head.headerFields))
            }
        }.get()
        #expect(await stream.send(message: [1, 2, 3], compressed: false))
        stream.finish(trailers: nil)
        let (blocks, body, ended) = await collect(stream)
        #expect(ended)
        #expect(body == [0, 0, 0, 0, 3, 1, 2, 3])
        #expect(blocks.count == 2)
        #expect(blocks.first?.first { $0.name == ":status" }?.value == "200")
        #expect(blocks.last?.first { $0.name == "grpc-status" }?.value == "0")
        await listener.shutDownGracefully()
    }
}

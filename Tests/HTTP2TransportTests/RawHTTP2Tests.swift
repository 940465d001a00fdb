@testable import HTTP2Transport
import Testing

/// A server that answers each request with its own body, as a gRPC response would carry it.
private func startEchoServer(settings: HTTP2Settings = HTTP2Settings()) async throws -> HTTP2Listener {
    try await HTTP2Listener.bind(
        to: .tcp(host: "127.0.0.1", port: 0), group: .shared, settings: settings
    ) { stream in
        Task(executorPreference: stream.connection.loop) {
            var sentHeaders = false
            loop: while true {
                switch await stream.inbound.next() {
                case .headers:
                    continue
                case .data(let bytes):
                    if !sentHeaders {
                        stream.sendResponseHeaders([(":status", "200"), ("content-type", "application/grpc")], endStream: false)
                        sentHeaders = true
                    }
                    stream.consume(bytes.count)
                    _ = await stream.send(bytes)
                case .end:
                    if !sentHeaders {
                        stream.sendResponseHeaders([(":status", "200"), ("content-type", "application/grpc")], endStream: false)
                    }
                    stream.finish(trailers: [("grpc-status", "0")])
                    break loop
                case .reset, .connectionClosed, .cancelled:
                    break loop
                }
            }
        }
    }
}

/// Reads a client stream to its end: the header blocks and the concatenated body.
private func collect(_ stream: HTTP2StreamChannel) async -> (blocks: [[(name: String, value: String)]], body: [UInt8], ended: Bool) {
    var blocks: [[(name: String, value: String)]] = []
    var body: [UInt8] = []
    while true {
        switch await stream.inbound.next() {
        case .headers(let block): blocks.append(block)
        case .data(let bytes):
            stream.consume(bytes.count)
            body += bytes
        case .end: return (blocks, body, true)
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
                continuation.resume(returning: connection.openStream(headers: [
                    (":method", "POST"), (":scheme", "http"), (":path", "/echo.Echo/Get"),
                    (":authority", "localhost"), ("content-type", "application/grpc"), ("te", "trailers"),
                ]))
            }
        }.get()
        #expect(await stream.send([0, 0, 0, 0, 3, 1, 2, 3]))
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

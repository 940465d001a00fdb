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
                switch await stream.events.next() {
                case .malformed:
                    continue
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

/// Reads a client stream's response parts to its status.
private func collect(_ stream: HTTP2ClientStream) async -> (
    metadata: [Metadata], messages: [[UInt8]], status: Status?
) {
    var metadata: [Metadata] = []
    var messages: [[UInt8]] = []
    while true {
        switch await stream.events.next() {
        case .metadata(let received):
            metadata.append(received)
        case .message(let bytes, _, let consumed):
            stream.messageTaken(consumed: consumed)
            messages.append(bytes)
        case .status(let status, _):
            return (metadata, messages, status)
        case .refused, .cancelled:
            return (metadata, messages, nil)
        }
    }
}

@Suite("Raw HTTP/2 over the event loop", .timeLimit(.minutes(1)))
struct RawHTTP2Tests {
    @Test("a request message comes back as the response message, with an OK status after it")
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
        let (metadata, messages, status) = await collect(stream)
        #expect(metadata.count == 1)
        #expect(messages == [[1, 2, 3]])
        #expect(status?.code == .ok)
        await listener.shutDownGracefully()
    }
}

@testable import HTTP2Transport
import RPCCore
import Testing

@Suite("A response that ends before its request", .timeLimit(.minutes(1)))
struct EarlyResponseTests {
    @Test(
        "a server ending the call while the client still writes resets the stream with NO_ERROR, so the writes stop and the status arrives"
    )
    func earlyStatusStopsTheWriter() async throws {
        let server = try await RunningServer.start()
        let client = HTTP2ClientTransport(target: server.address)
        // Far more than the stream window and the writer's buffer: without the reset, the
        // client would wait forever for window the server never returns.
        let messages = Array(repeating: [UInt8](repeating: 1, count: 64 << 10), count: 64)
        let result = try await call(client, messages, metadata: ["x-status": "8"])
        #expect(result.status?.code == .resourceExhausted)
        #expect(result.status?.message == "asked for")
        client.beginGracefulShutdown()
        try await server.stop()
    }
}

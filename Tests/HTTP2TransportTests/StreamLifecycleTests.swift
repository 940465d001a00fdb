import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization
import Testing

/// A raw HTTP/2 server that answers every request with one action on its stream.
private func startRawServer(_ answer: @escaping @Sendable (HTTP2StreamChannel) -> Void) async throws -> HTTP2Listener {
    try await HTTP2Listener.bind(
        to: .tcp(host: "127.0.0.1", port: 0), group: .shared, settings: HTTP2Settings()
    ) { stream in answer(stream) }
}

@Suite("Stream lifecycle: flow control, cancellation, resets and GOAWAY", .timeLimit(.minutes(1)))
struct StreamLifecycleTests {
    @Test("a client that does not read keeps the server's buffered bytes within its window and buffer limit")
    func slowReaderBoundsSenderMemory() async throws {
        let written = Atomic<Int>(0)
        let messageSize = 16 << 10
        let messageCount = 200
        let server = try await RunningServer.start { stream, _ in
            do throws(RPCError) {
                for try await part in stream.inbound {
                    if case .metadata = part { break }
                }
                try await stream.outbound.write(.metadata([:]))
                for _ in 0..<messageCount {
                    try await stream.outbound.write(.message(Array(repeating: 7, count: messageSize)))
                    written.add(1, ordering: .relaxed)
                }
                try await stream.outbound.write(.status(.ok, [:]))
            } catch {
                try? await stream.outbound.write(.status(error.status, [:]))
            }
        }
        var clientSettings = HTTP2Settings()
        clientSettings.initialWindowSize = 64 << 10
        let client = HTTP2ClientTransport(target: server.address, settings: clientSettings)
        let received = try await client.withStream(
            descriptor: MethodDescriptor(service: "echo.Echo", method: "Flood"), options: CallOptions()
        ) { (stream: RPCStream<HTTP2ResponseStream, HTTP2RequestWriter>) in
            try await stream.outbound.write(.metadata([:]))
            await stream.outbound.finish()
            try await Task.sleep(for: .milliseconds(300))
            // Window (64 KiB) + the server's outbound buffer (256 KiB) + one message in flight.
            let bound = (64 << 10 + HTTP2Settings().outboundBufferLimit) / messageSize + 2
            let stalled = written.load(ordering: .relaxed)
            #expect(stalled <= bound, "the server wrote \(stalled) messages to a client that read none")
            var messages = 0
            var status: Status?
            for try await part in stream.inbound {
                if case .message = part { messages += 1 }
                if case .status(let final, _) = part { status = final }
            }
            #expect(status == .ok)
            return messages
        }
        #expect(received == messageCount)
        try await server.stop()
    }

    @Test("a client ending its call before the status resets the stream with CANCEL, which the handler sees")
    func clientCancellationReachesHandler() async throws {
        let seen = Rendezvous<RPCError?>()
        let started = Rendezvous<Bool>()
        let server = try await RunningServer.start { stream, _ in
            do throws(RPCError) {
                for try await part in stream.inbound {
                    if case .message = part { started.set(true) }
                }
                seen.set(nil)
            } catch {
                seen.set(error)
            }
        }
        let client = HTTP2ClientTransport(target: server.address)
        try await client.withStream(
            descriptor: MethodDescriptor(service: "echo.Echo", method: "Wait"), options: CallOptions()
        ) { (stream: RPCStream<HTTP2ResponseStream, HTTP2RequestWriter>) in
            try await stream.outbound.write(.metadata([:]))
            try await stream.outbound.write(.message([1]))
            _ = await started.value() // the call is in flight on the server; now abandon it
        }
        let error = await seen.value()
        #expect(error?.code == .cancelled)
        #expect(error?.message.contains("CANCEL") == true)
        try await server.stop()
    }

    @Test(
        "RST_STREAM codes map to statuses: ENHANCE_YOUR_CALM → RESOURCE_EXHAUSTED, CANCEL → CANCELLED, others INTERNAL")
    func resetsMapToStatuses() async throws {
        let cases: [(HTTP2ErrorCode, StatusCode)] = [
            (.enhanceYourCalm, .resourceExhausted), (.cancel, .cancelled), (.protocolError, .internal),
        ]
        for (code, expected) in cases {
            let listener = try await startRawServer { stream in stream.reset(code: code.rawValue) }
            let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: listener.port))
            let result = try await call(client, [[1]])
            #expect(result.status?.code == expected, "\(code.name)")
            #expect(result.status?.message.contains(code.name) == true)
            await listener.shutDownGracefully()
        }
    }

    @Test(
        "a stream refused before any response header (REFUSED_STREAM, or a GOAWAY leaving it out) fails reading with UNAVAILABLE marked unprocessed",
        arguments: [false, true])
    func refusalsAreUnprocessed(byGoAway: Bool) async throws {
        let listener = try await startRawServer { stream in
            if byGoAway {
                stream.connection.sendGoAway(lastStreamID: 0, errorCode: HTTP2ErrorCode.protocolError.rawValue)
            } else {
                stream.reset(code: HTTP2ErrorCode.refusedStream.rawValue)
            }
        }
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: listener.port))
        do {
            let result = try await call(client, [[1]])
            Issue.record("the refused call ended with \(String(describing: result.status))")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
            #expect(error.unprocessed)
            #expect(error.message.contains("REFUSED_STREAM"))
        }
        await listener.shutDownGracefully()
    }

    @Test("a response with an HTTP status other than 200 and no grpc-status maps by the HTTP table")
    func httpStatusMapsToCode() async throws {
        let listener = try await startRawServer { stream in
            stream.sendResponseHeaders(.fields([HeaderField(":status", "503")]), endStream: true)
        }
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: listener.port))
        let result = try await call(client, [[1]])
        #expect(result.status?.code == .unavailable)
        await listener.shutDownGracefully()
    }

    @Test("a request with a content-type that is not gRPC is answered with HTTP 415 without calling the handler")
    func badContentTypeRejected() async throws {
        let called = Atomic<Bool>(false)
        let server = try await RunningServer.start { stream, context in
            called.store(true, ordering: .relaxed)
            await echoHandler(stream, context)
        }
        let loop = EventLoopGroup.shared.next()
        let port = try server.address.tcpPort()
        let connection = try await HTTP2Connector.connect(
            to: .tcp(host: "127.0.0.1", port: port), on: loop, settings: HTTP2Settings())
        let stream = try await withCheckedContinuation { continuation in
            loop.execute {
                continuation.resume(
                    returning: connection.openStream(headers: [
                        HeaderField(":method", "POST"), HeaderField(":scheme", "http"),
                        HeaderField(":path", "/echo.Echo/Get"),
                        HeaderField(":authority", "x"), HeaderField("content-type", "text/html"),
                    ]))
            }
        }.get()
        stream.finish(trailers: nil)
        guard case .headers(let block, let endStream) = await stream.inbound.next() else {
            Issue.record("expected a header block")
            return
        }
        #expect(endStream)
        #expect(block.first { $0.name == ":status" }?.value == "415")
        let handlerWasCalled = called.load(ordering: .relaxed)
        #expect(!handlerWasCalled)
        loop.execute { connection.close("test done") }
        try await server.stop()
    }

    @Test("a handler that returns without writing a status has its stream reset with INTERNAL_ERROR")
    func handlerWithoutStatusResetsStream() async throws {
        let server = try await RunningServer.start { _, _ in }
        let client = HTTP2ClientTransport(target: server.address)
        let result = try await call(client, [[1]])
        #expect(result.status?.code == .internal)
        #expect(result.status?.message.contains("INTERNAL_ERROR") == true)
        try await server.stop()
    }
}

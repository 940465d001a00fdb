import HTTP2Transport
@testable import InteropTesting
import RPCCore
import Testing

private let unaryCall = Grpc_Testing_TestService.Method.unaryCall
private let fourMiB = 4 * 1024 * 1024

@Suite(
    "Message limits, metadata, statuses and flow control through RPCClient and RPCServer over HTTP/2",
    .timeLimit(.minutes(1)))
struct HTTP2MessageAndStatusTests {
    @Test("a response over the client's default 4 MiB limit fails with RESOURCE_EXHAUSTED; one just under it arrives")
    func clientReceiveLimit() async throws {
        let server = try await RunningServer.start(serving: interopRouter())
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let under = try await service.unaryCall(
                ClientRequest(message: Grpc_Testing_SimpleRequest(responseSize: Int32(fourMiB - 64))))
            #expect(under.message.payload?.body.count == fourMiB - 64)
            let error = await #expect(throws: RPCError.self) {
                _ = try await service.unaryCall(
                    ClientRequest(message: Grpc_Testing_SimpleRequest(responseSize: Int32(fourMiB))))
            }
            #expect(error?.code == .resourceExhausted)
        }
        try await server.stop()
    }

    @Test("a request over the server's default 4 MiB limit fails with RESOURCE_EXHAUSTED")
    func serverReceiveLimit() async throws {
        let server = try await RunningServer.start(serving: interopRouter())
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let error = await #expect(throws: RPCError.self) {
                _ = try await service.unaryCall(
                    ClientRequest(message: Grpc_Testing_SimpleRequest(payload: .zeros(fourMiB))))
            }
            #expect(error?.code == .resourceExhausted)
        }
        try await server.stop()
    }

    @Test(
        "text and -bin metadata, repeated keys included, arrive intact in request headers, response headers and trailers"
    )
    func metadataRoundTrip() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(unaryCall) { (request: ServerRequest<Grpc_Testing_SimpleRequest>, _) in
            ServerResponse(
                message: Grpc_Testing_SimpleResponse(), metadata: request.metadata, trailingMetadata: request.metadata)
        }
        let sent: Metadata = [
            "x-text": "a value, with ; punctuation",
            "x-repeated": "first",
            "x-every-byte-bin": .binary((0...255).map { UInt8($0) }),
            "x-repeated": "second",
            "x-short-bin": .binary([0]),
        ]
        let server = try await RunningServer.start(serving: router)
        let response = try await server.withClient { client in
            try await Grpc_Testing_TestService.Client(wrapping: client).unaryCall(
                ClientRequest(message: Grpc_Testing_SimpleRequest(), metadata: sent))
        }
        #expect(response.metadata == sent)
        #expect(response.trailingMetadata == sent)
        try await server.stop()
    }

    @Test(
        "every non-OK status code and its Unicode message reach the client, Trailers-Only and after messages",
        arguments: StatusCode.allCases.filter { $0 != .ok })
    func statusMapping(code: StatusCode) async throws {
        let message = "\(code.name): 100 % ☺\n"
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(unaryCall) {
            (_: ServerRequest<Grpc_Testing_SimpleRequest>, _) -> ServerResponse<Grpc_Testing_SimpleResponse> in
            throw RPCError(code: code, message: message, metadata: ["x-code": "\(code.rawValue)"])
        }
        router.registerServerStreaming(Grpc_Testing_TestService.Method.streamingOutputCall) {
            (_: ServerRequest<Grpc_Testing_StreamingOutputCallRequest>, _) in
            StreamingServerResponse<Grpc_Testing_StreamingOutputCallResponse> { writer in
                try await writer.write(Grpc_Testing_StreamingOutputCallResponse())
                throw RPCError(code: code, message: message)
            }
        }
        let server = try await RunningServer.start(serving: router)
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let unary = await #expect(throws: RPCError.self) {
                _ = try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest()))
            }
            #expect(unary?.code == code)
            #expect(unary?.message == message)
            #expect(unary?.metadata.firstString(forKey: "x-code") == "\(code.rawValue)")
            let received = Counter()
            let streaming = await #expect(throws: RPCError.self) {
                try await service.streamingOutputCall(ClientRequest(message: Grpc_Testing_StreamingOutputCallRequest()))
                { response in
                    for try await _ in response.messages { received.increment() }
                }
            }
            #expect(received.count == 1)
            #expect(streaming?.code == code)
            #expect(streaming?.message == message)
        }
        try await server.stop()
    }

    @Test("a server that does not read keeps the client's unsent bytes within the stream window and buffer limit")
    func slowServerBoundsClientMemory() async throws {
        let messageSize = 64 << 10
        let messageCount = 64
        let startReading = Signal()
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerClientStreaming(Grpc_Testing_TestService.Method.streamingInputCall) {
            (request: StreamingServerRequest<Grpc_Testing_StreamingInputCallRequest>, _) in
            _ = await startReading.wait(timeout: .seconds(30))
            var total = 0
            for try await message in request.messages { total += message.payload?.body.count ?? 0 }
            return ServerResponse(message: Grpc_Testing_StreamingInputCallResponse(aggregatedPayloadSize: Int32(total)))
        }
        var settings = HTTP2Settings()
        settings.initialWindowSize = 64 << 10
        let server = try await RunningServer.start(serving: router, settings: settings)
        let written = Counter()
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            async let response = service.streamingInputCall(
                StreamingClientRequest { writer in
                    for _ in 0..<messageCount {
                        try await writer.write(Grpc_Testing_StreamingInputCallRequest(payload: .zeros(messageSize)))
                        written.increment()
                    }
                })
            try await Task.sleep(for: .milliseconds(300))
            // The server's stream window (64 KiB) + the client's outbound buffer + one message.
            let bound = (64 << 10 + HTTP2Settings().outboundBufferLimit) / messageSize + 2
            let stalled = written.count
            #expect(stalled <= bound, "the client wrote \(stalled) messages of 64 KiB to a server that read none")
            startReading.raise()
            let total = try await response.message.aggregatedPayloadSize
            #expect(Int(total) == messageSize * messageCount)
        }
        try await server.stop()
    }
}

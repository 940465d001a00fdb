import Foundation
import HTTP2Transport
import InteropTesting
import ProtocSupport
import RPCCore
import Testing

/// Compression negotiation and limits over HTTP/2, against grpcio and nghttp as peers.
@Suite("Compression over HTTP/2", .serialized, .timeLimit(.minutes(5)))
struct HTTP2CompressionTests {
    /// A UnaryCall request asking for `size` zeros and expecting to arrive compressed.
    static func compressedRequest(size: Int32 = 1_000) -> ClientRequest<Grpc_Testing_SimpleRequest> {
        var request = Grpc_Testing_SimpleRequest(
            responseSize: size, payload: .init(type: .compressable, body: Data(count: 5_000)))
        request.expectCompressed = Grpc_Testing_BoolValue(value: true)
        return ClientRequest(message: request)
    }

    /// Our InteropTestService over HTTP/2 with `compression` and a receive limit.
    static func startServer(
        compression: CompressionConfiguration = CompressionConfiguration(), maxReceiveMessageSize: Int = 4 << 20
    ) async throws -> HTTP2TestServer {
        let transport = HTTP2ServerTransport(
            address: .tcp(host: "127.0.0.1", port: 0), maxReceiveMessageSize: maxReceiveMessageSize,
            compression: compression)
        var router = RPCRouter<HTTP2ServerTransport>()
        InteropTestService().registerMethods(with: &router)
        let server = RPCServer(transport: transport, router: router)
        let task = Task { try await server.serve() }
        return HTTP2TestServer(server: server, address: try await transport.listeningAddress(), task: task)
    }

    /// Runs `body` with a TestService client on its own connection to `address`.
    static func withService<Result: Sendable>(
        _ address: TransportAddress, compression: CompressionConfiguration = CompressionConfiguration(),
        _ body: (Grpc_Testing_TestService.Client<HTTP2ClientTransport>) async throws -> Result
    ) async throws -> Result {
        let client = RPCClient(transport: HTTP2ClientTransport(target: address, compression: compression))
        let connections = Task { try await client.run() }
        defer { client.beginGracefulShutdown() }
        let result = try await body(Grpc_Testing_TestService.Client(wrapping: client))
        client.beginGracefulShutdown()
        try await connections.value
        return result
    }

    /// Runs `body` with the port of a grpcio interop server started with `arguments`.
    static func withPythonServer(arguments: [String] = [], _ body: (Int) async throws -> Void) async throws {
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (peer, port) = try await InteropPeers.startPythonServer(stubs: stubs, arguments: arguments)
        defer { peer.terminate() }
        try await body(port)
    }

    /// The port of a TCP address.
    static func port(_ address: TransportAddress) -> Int {
        if case .tcp(_, let port) = address { return port }
        return 0
    }

    /// `compressed` behind a 5-byte prefix with the compressed flag set.
    static func compressedFrame(_ compressed: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [1]
        withUnsafeBytes(of: UInt32(compressed.count).bigEndian) { frame.append(contentsOf: $0) }
        return frame + compressed
    }

    /// Posts `body` (already length-prefixed) to UnaryCall with nghttp, naming `encoding`
    /// in `grpc-encoding`; returns nghttp's verbose output (every header received).
    static func postWithNghttp(port: Int, encoding: String, body: [UInt8]) async throws -> String {
        let file = TemporaryPath.file("nghttp-body")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await ToolProcess.run(
            "/usr/bin/nghttp",
            [
                "-v", "-d", file.path, "-H", "content-type: application/grpc", "-H", "te: trailers",
                "-H", "grpc-encoding: \(encoding)", "http://127.0.0.1:\(port)/grpc.testing.TestService/UnaryCall",
            ])
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    @Test(
        "a request in an encoding the server lacks ends UNIMPLEMENTED with grpc-accept-encoding listing what it accepts"
    )
    func unsupportedEncodingRefused() async throws {
        let server = try await Self.startServer(compression: CompressionConfiguration(enabledAlgorithms: [.gzip]))
        let output = try await Self.postWithNghttp(
            port: Self.port(server.address), encoding: "deflate", body: [0, 0, 0, 0, 0])
        #expect(output.contains("grpc-status: 12"), "\(output)")
        #expect(output.contains("grpc-accept-encoding: identity,gzip"), "\(output)")
        try await Self.withService(server.address) { service in
            let error = await #expect(throws: RPCError.self) {
                _ = try await service.unaryCall(Self.compressedRequest(), options: CallOptions(compression: .deflate))
            }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("accepted: identity,gzip") == true, "\(String(describing: error))")
            let response = try await service.unaryCall(
                Self.compressedRequest(), options: CallOptions(compression: .gzip))
            #expect(response.message.payload?.body.count == 1_000)
        }
        try await server.stop()
    }

    @Test("our client compressing with deflate against a grpcio server without deflate ends UNIMPLEMENTED")
    func pythonServerWithoutDeflate() async throws {
        try await Self.withPythonServer(arguments: ["--without_deflate"]) { port in
            try await Self.withService(.tcp(host: "127.0.0.1", port: port)) { service in
                let error = await #expect(throws: RPCError.self) {
                    _ = try await service.unaryCall(
                        Self.compressedRequest(), options: CallOptions(compression: .deflate))
                }
                #expect(error?.code == .unimplemented, "\(String(describing: error))")
                let response = try await service.unaryCall(
                    Self.compressedRequest(), options: CallOptions(compression: .gzip))
                #expect(response.message.payload?.body.count == 1_000)
            }
        }
    }

    @Test("deflate requests from our client reach grpcio's server compressed and inflate with Python's zlib")
    func deflateToPython() async throws {
        try await Self.withPythonServer { port in
            try await Self.withService(.tcp(host: "127.0.0.1", port: port)) { service in
                let response = try await service.unaryCall(
                    Self.compressedRequest(), options: CallOptions(compression: .deflate))
                #expect(response.message.payload?.body.count == 1_000)
                let messages = [27_182, 45_904].map {
                    Grpc_Testing_StreamingInputCallRequest(
                        payload: .init(type: .compressable, body: Data(count: $0)), expectCompressed: .init(value: true)
                    )
                }
                let total = try await service.streamingInputCall(
                    StreamingClientRequest(messages: messages), options: CallOptions(compression: .deflate))
                #expect(total.message.aggregatedPayloadSize == 73_086)
            }
        }
    }

    @Test("a grpcio client compressing with deflate passes the client_compressed cases against our server")
    func deflateFromPython() async throws {
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (server, port) = try await InteropPeers.startSwiftServer()
        defer { server.terminate() }
        for testCase in [InteropTestCase.clientCompressedUnary, .clientCompressedStreaming] {
            let result = try await InteropPeers.runPythonClient(
                testCase, port: port, stubs: stubs, arguments: ["--compression=deflate"])
            #expect(result.passed, "\(testCase): \(result.report)")
        }
    }

    @Test(
        "a compressed message under grpc-encoding identity is INTERNAL; under gzip the same bytes pass (nghttp sends them raw)"
    )
    func flagWithoutEncoding() async throws {
        let server = try await Self.startServer()
        let script = "import gzip, sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read()))"
        let gzip = try await Protoc.runTool(
            "/usr/bin/env", ["python3", "-c", script],
            input: Grpc_Testing_SimpleRequest(responseSize: 10).serializedBytes()
        ).stdout
        let compressed = Self.compressedFrame(gzip)
        let output = try await Self.postWithNghttp(
            port: Self.port(server.address), encoding: "identity", body: compressed)
        #expect(output.contains("grpc-status: 13"), "\(output)")
        #expect(output.contains("grpc-message: received a compressed message with no grpc-encoding"), "\(output)")
        let accepted = try await Self.postWithNghttp(
            port: Self.port(server.address), encoding: "gzip", body: compressed)
        #expect(accepted.contains("grpc-status: 0"), "\(accepted)")
        try await server.stop()
    }

    @Test("a gzip response from grpcio inflating past our client's limit ends RESOURCE_EXHAUSTED")
    func responseInflatingPastClientLimit() async throws {
        try await Self.withPythonServer { port in
            try await Self.withService(.tcp(host: "127.0.0.1", port: port)) { service in
                var request = Grpc_Testing_SimpleRequest(responseSize: 1_000_000)
                request.responseCompressed = Grpc_Testing_BoolValue(value: true)
                let error = await #expect(throws: RPCError.self) {
                    _ = try await service.unaryCall(
                        ClientRequest(message: request), options: CallOptions(maxReceiveMessageSize: 100_000))
                }
                #expect(error?.code == .resourceExhausted, "\(String(describing: error))")
                #expect(error?.message.contains("decompressed message exceeds the limit of 100000 bytes") == true)
                let response = try await service.unaryCall(ClientRequest(message: request))
                #expect(response.message.payload?.body.count == 1_000_000)
            }
        }
    }

    @Test("the server compresses responses only when the client accepts the encoding")
    func responsesNeedClientAcceptance() async throws {
        let server = try await Self.startServer(
            compression: CompressionConfiguration(defaultResponseAlgorithm: .deflate))
        for (accepted, expectCompressed) in [
            ([CompressionAlgorithm.gzip, .deflate], true), ([.gzip], false), ([], false),
        ] {
            try await Self.withService(
                server.address, compression: CompressionConfiguration(enabledAlgorithms: accepted)
            ) { service in
                let compression = CallCompression()
                let response = try await service.unaryCall(
                    ClientRequest(message: Grpc_Testing_SimpleRequest(responseSize: 50_000)),
                    options: CallOptions(messageCompression: compression))
                #expect(response.message.payload?.body == Data(count: 50_000))
                #expect(
                    compression.lastReceivedMessageWasCompressed == expectCompressed, "client accepting \(accepted)")
            }
        }
        try await server.stop()
    }

    @Test("a 1 MB gzip request inflating to 1 GiB ends RESOURCE_EXHAUSTED at once, and the server keeps serving")
    func decompressionBomb() async throws {
        let bomb = try await ZeroStream.gzip(mebibytes: 1024)
        let server = try await Self.startServer(maxReceiveMessageSize: 4 << 20)
        let start = ContinuousClock.now
        let output = try await Self.postWithNghttp(
            port: Self.port(server.address), encoding: "gzip", body: Self.compressedFrame(bomb))
        #expect(output.contains("grpc-status: 8"), "\(output)")
        #expect(output.contains("exceeds the limit of 4194304 bytes"), "\(output)")
        #expect(ContinuousClock.now - start < .seconds(20))
        try await Self.withService(server.address) { service in
            let response = try await service.unaryCall(
                Self.compressedRequest(), options: CallOptions(compression: .gzip))
            #expect(response.message.payload?.body.count == 1_000)
        }
        try await server.stop()
    }
}

import Foundation
import HTTP2Transport
import InteropTesting
import ProtocSupport
import RPCCore
import Testing

/// Compression between our HTTP/2 transport and grpcio's interop server and client.
@Suite("Compression against grpcio", .serialized, .timeLimit(.minutes(5)))
struct CompressionInteropTests {
    /// A UnaryCall request asking for 1,000 zeros and expecting to arrive compressed.
    static func compressedRequest() -> ClientRequest<Grpc_Testing_SimpleRequest> {
        var request = Grpc_Testing_SimpleRequest(
            responseSize: 1_000, payload: .init(type: .compressable, body: Data(count: 5_000)))
        request.expectCompressed = Grpc_Testing_BoolValue(value: true)
        return ClientRequest(message: request)
    }

    /// Runs `body` with a TestService client of a grpcio interop server started with
    /// `arguments`.
    static func withPythonServer(
        arguments: [String] = [], _ body: (Grpc_Testing_TestService.Client<HTTP2ClientTransport>) async throws -> Void
    ) async throws {
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (peer, port) = try await InteropPeers.startPythonServer(stubs: stubs, arguments: arguments)
        defer { peer.terminate() }
        let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: port)))
        defer { client.beginGracefulShutdown() }
        try await body(Grpc_Testing_TestService.Client(wrapping: client))
    }

    @Test("our client compressing with deflate against a grpcio server without deflate ends UNIMPLEMENTED")
    func pythonServerWithoutDeflate() async throws {
        try await Self.withPythonServer(arguments: ["--without_deflate"]) { service in
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

    @Test("deflate requests from our client reach grpcio's server compressed and inflate with Python's zlib")
    func deflateToPython() async throws {
        try await Self.withPythonServer { service in
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

    @Test("a gzip response from grpcio inflating past our client's limit ends RESOURCE_EXHAUSTED")
    func responseInflatingPastClientLimit() async throws {
        try await Self.withPythonServer { service in
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

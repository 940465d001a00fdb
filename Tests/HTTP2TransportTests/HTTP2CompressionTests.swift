import Foundation
import HTTP2Transport
import InteropTesting
import ProtocSupport
import RPCCore
import Testing

/// Compression negotiation and limits over HTTP/2, between our server and client and with
/// nghttp as a raw peer.
@Suite("Compression over HTTP/2", .serialized, .timeLimit(.minutes(5)))
struct HTTP2CompressionTests {
    /// A UnaryCall request asking for `size` zeros and expecting to arrive compressed.
    static func compressedRequest(size: Int32 = 1_000) -> ClientRequest<Grpc_Testing_SimpleRequest> {
        var request = Grpc_Testing_SimpleRequest(
            responseSize: size, payload: .init(type: .compressable, body: Data(count: 5_000)))
        request.expectCompressed = Grpc_Testing_BoolValue(value: true)
        return ClientRequest(message: request)
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
        let server = try await RunningServer.start(
            serving: interopRouter(), compression: CompressionConfiguration(enabledAlgorithms: [.gzip]))
        let output = try await Self.postWithNghttp(
            port: try server.address.tcpPort(), encoding: "deflate", body: [0, 0, 0, 0, 0])
        #expect(output.contains("grpc-status: 12"), "\(output)")
        #expect(output.contains("grpc-accept-encoding: identity,gzip"), "\(output)")
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
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

    @Test(
        "a compressed message under grpc-encoding identity is INTERNAL; under gzip the same bytes pass (nghttp sends them raw)"
    )
    func flagWithoutEncoding() async throws {
        let server = try await RunningServer.start(serving: interopRouter())
        let script = "import gzip, sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read()))"
        let gzip = try await Protoc.runTool(
            "/usr/bin/env", ["python3", "-c", script],
            input: Grpc_Testing_SimpleRequest(responseSize: 10).serializedBytes()
        ).stdout
        let compressed = Self.compressedFrame(gzip)
        let output = try await Self.postWithNghttp(
            port: try server.address.tcpPort(), encoding: "identity", body: compressed)
        #expect(output.contains("grpc-status: 13"), "\(output)")
        #expect(output.contains("grpc-message: received a compressed message with no grpc-encoding"), "\(output)")
        let accepted = try await Self.postWithNghttp(
            port: try server.address.tcpPort(), encoding: "gzip", body: compressed)
        #expect(accepted.contains("grpc-status: 0"), "\(accepted)")
        try await server.stop()
    }

    @Test("the server compresses responses only when the client accepts the encoding")
    func responsesNeedClientAcceptance() async throws {
        let server = try await RunningServer.start(
            serving: interopRouter(),
            compression: CompressionConfiguration(defaultResponseAlgorithm: .deflate))
        for (accepted, expectCompressed) in [
            ([CompressionAlgorithm.gzip, .deflate], true), ([.gzip], false), ([], false),
        ] {
            try await server.withClient(compression: CompressionConfiguration(enabledAlgorithms: accepted)) { client in
                let service = Grpc_Testing_TestService.Client(wrapping: client)
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
        let server = try await RunningServer.start(serving: interopRouter(), maxReceiveMessageSize: 4 << 20)
        let start = ContinuousClock.now
        let output = try await Self.postWithNghttp(
            port: try server.address.tcpPort(), encoding: "gzip", body: Self.compressedFrame(bomb))
        #expect(output.contains("grpc-status: 8"), "\(output)")
        #expect(output.contains("exceeds the limit of 4194304 bytes"), "\(output)")
        #expect(ContinuousClock.now - start < .seconds(20))
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let response = try await service.unaryCall(
                Self.compressedRequest(), options: CallOptions(compression: .gzip))
            #expect(response.message.payload?.body.count == 1_000)
        }
        try await server.stop()
    }
}

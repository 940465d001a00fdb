import ProtocSupport
import Testing

/// `-compress` (rpccurl's own flag; grpcurl has none) against grpcio: a server that accepts
/// the algorithm decompresses the request, one that has it disabled refuses it.
@Suite("rpccurl -compress")
struct CompressionTests {
    @Test("gzip and deflate requests are decompressed by grpcio and echoed", arguments: ["gzip", "deflate"])
    func compressedCall(algorithm: String) async throws {
        let text = String(repeating: "compressible ", count: 200)
        let result = try await RPCCurlHarness.withPythonServer { server in
            try await RPCCurlHarness.run(
                [
                    "-plaintext", "-compress", algorithm, "-d", "{\"text\":\"\(text)\"}", server.address,
                    "rpccurltest.Echo/Get",
                ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\n  \"text\": \"\(text)\"\n}\n")
    }

    @Test(
        "a grpcio server with gzip disabled refuses a -compress gzip request (Unimplemented, exit 76) but takes an uncompressed one"
    )
    func refusedByServerWithoutIt() async throws {
        let (compressed, plain) = try await RPCCurlHarness.withPythonServer(arguments: ["--identity-only"]) { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-compress", "gzip", "-d", #"{"text":"z"}"#, server.address, "rpccurltest.Echo/Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"text":"z"}"#, server.address, "rpccurltest.Echo/Get",
                ])
            )
        }
        #expect(compressed.status == 64 + 12, "\(compressed.stderr)")
        #expect(compressed.stderr.contains("Code: Unimplemented"), "\(compressed.stderr)")
        #expect(plain.status == 0, "\(plain.stderr)")
    }

    @Test("an unknown -compress algorithm is a usage error (exit 2)")
    func unknownAlgorithm() async throws {
        let result = try await RPCCurlHarness.run(["-plaintext", "-compress", "brotli", "127.0.0.1:1", "list"])
        #expect(result.status == 2, "\(result.stderr)")
    }
}

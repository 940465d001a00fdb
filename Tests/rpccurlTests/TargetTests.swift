import Testing

@Suite("rpccurl targets in gRPC's naming syntax")
struct TargetTests {
    @Test("dns:///localhost:PORT and ipv4:127.0.0.1:PORT reach the server like 127.0.0.1:PORT")
    func namingSyntax() async throws {
        let (dns, ipv4) = try await RPCCurlHarness.withOurServer { server in
            let port = server.address.split(separator: ":").last.map(String.init) ?? ""
            return (
                try await RPCCurlHarness.run(["-plaintext", "dns:///localhost:\(port)", "list"]),
                try await RPCCurlHarness.run(["-plaintext", "ipv4:127.0.0.1:\(port)", "list"])
            )
        }
        for result in [dns, ipv4] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("rpccurltest.Echo\n"))
        }
    }

    @Test("a target that is not one is refused naming what is wrong")
    func badTarget() async throws {
        let result = try await RPCCurlHarness.run(["-plaintext", "dns://8.8.8.8/example.com:443", "list"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("a DNS server to ask (\"8.8.8.8\") is not supported"), "\(result.stderr)")
    }
}

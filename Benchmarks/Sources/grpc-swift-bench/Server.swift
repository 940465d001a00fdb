import GRPCCore
import GRPCNIOTransportHTTP2Posix
import RPCBenchSupport

/// Serves the benchmark service on `host:port` until the process is killed; prints
/// `listening PORT` once bound.
func serve(host: String, port: Int) async throws {
    let transport = HTTP2ServerTransport.Posix(
        address: .ipv4(host: host, port: port), transportSecurity: .plaintext)
    let server = GRPCServer(transport: transport, services: [EchoService()])
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        if let bound = try await transport.listeningAddress.ipv4 {
            FileDescriptorOutput.standardOutput.line("listening \(bound.port)")
        }
        try await group.waitForAll()
    }
}

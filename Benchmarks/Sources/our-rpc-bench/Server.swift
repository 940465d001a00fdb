import HTTP2Transport
import RPCBenchSupport
import RPCCore

/// Serves the benchmark service on `host:port` until the process is killed; prints
/// `listening PORT` once bound.
func serve(host: String, port: Int) async throws {
    let transport = HTTP2ServerTransport(address: .tcp(host: host, port: port))
    var router = RPCRouter<HTTP2ServerTransport>()
    EchoService().registerMethods(with: &router)
    let server = RPCServer(transport: transport, router: router)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        let address = try await transport.listeningAddress()
        if case .tcp(_, let boundPort) = address {
            FileDescriptorOutput.standardOutput.line("listening \(boundPort)")
        }
        try await group.waitForAll()
    }
}

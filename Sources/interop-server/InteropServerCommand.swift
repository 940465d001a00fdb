import ArgumentParser
import Foundation
import HTTP2Transport
import InteropTesting
import RPCCore

/// `interop-server`: serves `grpc.testing.TestService` for the gRPC interop tests over
/// plaintext HTTP/2, with the official flags (`--port=N`, `--use_tls=false`).
@main
struct InteropServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-server",
        abstract: "Serves grpc.testing.TestService for the gRPC interop tests over plaintext HTTP/2.",
        discussion: "Prints 'interop-server listening on port N' once it accepts connections.")

    @Option(name: .customLong("port"), help: "The TCP port to listen on, on every interface (0: any free port).")
    var port: Int

    @Option(name: .customLong("use_tls"), help: "Whether to use TLS; only false is supported for now.")
    var useTLS = false

    func validate() throws {
        guard !useTLS else {
            throw ValidationError("TLS comes with the production issue; this server speaks plaintext HTTP/2 only (--use_tls=false)")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
    }

    func run() async throws {
        let transport = HTTP2ServerTransport(address: .tcp(host: "0.0.0.0", port: port))
        var router = RPCRouter<HTTP2ServerTransport>()
        InteropTestService().registerMethods(with: &router)
        let server = RPCServer(transport: transport, router: router)
        async let serving: Void = server.serve()
        guard case .tcp(_, let boundPort) = try await transport.listeningAddress() else { return }
        // Written unbuffered: a test harness waits for this line.
        FileHandle.standardOutput.write(Data("interop-server listening on port \(boundPort)\n".utf8))
        try await serving
    }
}

import ArgumentParser
import Foundation
import GRPCReflection
import HTTP2Transport
import InteropTesting
import RPCCore
import TLSEngine

/// `interop-server`: serves `grpc.testing.TestService` for the gRPC interop tests over
/// HTTP/2, plaintext or TLS, with the official flags (`--port=N`, `--use_tls=true`,
/// `--tls_cert_file=F`, `--tls_key_file=F`), and server reflection (v1 and v1alpha) so that
/// rpccurl and grpcurl can list and call it.
@main
struct InteropServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-server",
        abstract: "Serves grpc.testing.TestService for the gRPC interop tests over HTTP/2 (plaintext or TLS).",
        discussion: "Prints 'interop-server listening on port N' once it accepts connections.")

    @Option(name: .customLong("port"), help: "The TCP port to listen on, on every interface (0: any free port).")
    var port: Int

    @Option(name: .customLong("use_tls"), help: "Whether to serve TLS (ALPN h2) instead of plaintext HTTP/2.")
    var useTLS = false

    @Option(name: .customLong("tls_cert_file"), help: "With --use_tls=true: the PEM certificate chain to present.")
    var certificateFile: String?

    @Option(name: .customLong("tls_key_file"), help: "With --use_tls=true: the PEM private key of the certificate.")
    var keyFile: String?

    func validate() throws {
        if useTLS, certificateFile == nil || keyFile == nil {
            throw ValidationError("--use_tls=true needs --tls_cert_file and --tls_key_file")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, not \(port)") }
    }

    func run() async throws {
        let tls =
            useTLS
            ? certificateFile.flatMap { certificate in
                keyFile.map { TLSServerConfiguration(certificateChainFile: certificate, privateKeyFile: $0) }
            } : nil
        let transport = HTTP2ServerTransport(address: .tcp(host: "0.0.0.0", port: port), tls: tls)
        var router = RPCRouter<HTTP2ServerTransport>()
        InteropTestService().registerMethods(with: &router)
        try router.registerReflection()
        let server = RPCServer(transport: transport, router: router)
        async let serving: Void = server.serve()
        guard case .tcp(_, let boundPort) = try await transport.listeningAddress() else { return }
        // Written unbuffered: a test harness waits for this line.
        FileHandle.standardOutput.write(Data("interop-server listening on port \(boundPort)\n".utf8))
        try await serving
    }
}

import ArgumentParser
import Dispatch
import Foundation
import Greeter
import GRPCHealth
import GRPCReflection
import HTTP2Transport
import RPCCore

/// `greeter-server`: serves greeter.v1.Greeter, with health and reflection, until SIGINT or SIGTERM.
@main
struct GreeterServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "greeter-server", abstract: "Serve greeter.v1.Greeter, with health and reflection, over HTTP/2.")

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port to listen on; 0 picks a free one.")
    var port = 50051

    func run() async throws {
        let transport = HTTP2ServerTransport(address: .tcp(host: host, port: port))
        var router = RPCRouter<HTTP2ServerTransport>()
        GreeterService().registerMethods(with: &router)
        let health = HealthService()
        health.setStatus(.serving, forService: Greeter_V1_Greeter.name)
        health.registerMethods(with: &router)
        try router.registerReflection()
        let server = RPCServer(transport: transport, router: router)

        // SIGINT (Ctrl-C) or SIGTERM: health says NOT_SERVING, new calls are refused, and
        // calls in flight get 5 seconds to finish; then serve() returns.
        let signalSources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                health.shutDown()
                server.beginGracefulShutdown(gracePeriod: .seconds(5))
            }
            source.resume()
            return source
        }
        defer { signalSources.forEach { $0.cancel() } }

        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let address = try await transport.listeningAddress() // throws if the port cannot be bound
            say("greeter-server listening on \(address)")
        }
        say("greeter-server stopped")
    }
}

/// Writes `line` to standard output at once (`print` holds it back while stdout is a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

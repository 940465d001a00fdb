import Foundation
import GRPCReflection
import HTTP2Transport
import RPCCore
import TLSEngine

// Serves rpccurltest.Echo (and reflection unless `--no-reflection`) on `--port N` (0 picks
// one) or `--unix PATH`, printing `listening on ADDRESS` once bound; runs until killed.
// `--tls-cert FILE --tls-key FILE` serve TLS instead of cleartext.
let arguments = CommandLine.arguments
func value(after flag: String) -> String? {
    arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let address: TransportAddress =
    if let path = value(after: "--unix") { .unix(path: path) } else {
        .tcp(host: "127.0.0.1", port: Int(value(after: "--port") ?? "0") ?? 0)
    }

var router = RPCRouter<HTTP2ServerTransport>()
EchoService().registerMethods(with: &router)
if !arguments.contains("--no-reflection") {
    try router.registerReflection(
        serializedFiles: [Rpccurltest_Echo_FileDescriptor.serialized] + Rpccurltest_Echo_FileDescriptor.dependencies)
}
let tls = value(after: "--tls-cert").flatMap { certificate in
    value(after: "--tls-key").map { TLSServerConfiguration(certificateChainFile: certificate, privateKeyFile: $0) }
}
let transport = HTTP2ServerTransport(address: address, tls: tls)
let server = RPCServer(transport: transport, router: router)
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await server.serve() }
    let bound = try await transport.listeningAddress()
    FileHandle.standardOutput.write(Data("listening on \(bound)\n".utf8))
    try await group.next()
}

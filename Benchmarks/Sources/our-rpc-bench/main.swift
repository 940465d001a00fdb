// Our stack's side of the RPC benchmark: `server`, or a load-generating client mode
// (see BenchArguments in RPCBenchSupport).
import Foundation
import HTTP2Transport
import OurBenchService
import RPCBenchSupport
import RPCCore

let arguments = BenchArguments(Array(CommandLine.arguments.dropFirst()))
let host = arguments.string("host", default: "127.0.0.1")
let port = arguments.int("port", default: 0)
let output = FileDescriptorOutput.standardOutput

switch arguments.mode {
case "server":
    try await serve(host: host, port: port)
case "request-body":
    let framed = RequestBody.framed(Bench_Payload.benchFixture().serializedBytes())
    try Data(framed).write(to: URL(fileURLWithPath: arguments.string("out", default: "request.bin")))
case "idle-connections", "open-streams":
    try await holdOpen(arguments, host: host, port: port)
case "check":
    try await withBenchClient(host: host, port: port) { client in try await checkCorrectness(client) }
    output.line("{\"check\":\"ok\"}")
default:
    let result = try await withBenchClient(host: host, port: port) { client in
        try await runLoad(arguments, client: client)
    }
    output.line(result.json)
}

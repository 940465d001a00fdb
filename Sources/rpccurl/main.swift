import ArgumentParser
import Foundation

// rpccurl: grpcurl's command line over our own stack. Exit statuses follow grpcurl:
// 0 OK, 1 other errors, 2 usage errors, 64 + the status code when the RPC fails.
let typed = GrpcurlArguments(Array(CommandLine.arguments.dropFirst()))
let arguments = typed.normalized
let isBench = arguments.first == "bench"
do {
    if isBench {
        let command = try BenchCommand.parse(Array(arguments.dropFirst()))
        try await command.execute()
    } else {
        let command = try RPCCurlCommand.parse(arguments)
        try await command.execute()
    }
    exit(0)
} catch let failure as Failure {
    switch failure {
    case .other(let message): Output.error(message.hasPrefix("Failed") ? message : "Failed: " + message)
    case .usage(let message): Output.error(message + "\nTry 'rpccurl --help' for more details.")
    case .rpc(let error): StatusReport(error: error, format: nil).print()
    case .reported: break
    }
    exit(failure.exitStatus)
} catch {
    let type: ParsableCommand.Type = isBench ? BenchCommand.self : RPCCurlCommand.self
    let message = type.fullMessage(for: error)
    if type.exitCode(for: error) == .success {
        Output.out(message)
        exit(0)
    }
    Output.error(typed.inTypedSpelling(message))
    exit(2)
}

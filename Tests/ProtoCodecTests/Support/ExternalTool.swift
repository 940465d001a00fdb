import Foundation
import ProtocSupport

/// Runs a peer program (protoc, python3) to completion, feeding it bytes on stdin.
struct ExternalTool {
    /// Why a peer program could not give an answer.
    struct Failure: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        let stderr: String
        var description: String { "\(command.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    /// The repository root, found from this file's location.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // ProtoCodecTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    /// Runs `arguments` (looked up on PATH) in the repository root and returns its stdout,
    /// awaiting the exit without blocking a thread.
    static func run(_ arguments: [String], input: [UInt8] = []) async throws -> [UInt8] {
        let outcome = try await ToolProcess.run("/usr/bin/env", arguments, input: input, in: repositoryRoot)
        guard outcome.status == 0 else {
            throw Failure(command: arguments, status: outcome.status, stderr: outcome.stderr)
        }
        return outcome.stdout
    }
}

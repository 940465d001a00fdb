import Foundation

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
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ProtoCodecTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// Runs `arguments` (looked up on PATH) in the repository root and returns its stdout.
    /// Input and output go through temporary files, so neither side can block on a full pipe.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("codec-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in")
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try Data(input).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let output = try Data(contentsOf: outURL)
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
            throw Failure(command: arguments, status: process.terminationStatus, stderr: stderr)
        }
        return [UInt8](output)
    }
}

import Foundation

/// Runs a program to completion without blocking a thread: input and output go through
/// temporary files, and the exit arrives through `Process.terminationHandler`. Swift Testing
/// runs tests on the cooperative pool (one thread per core), so a blocking wait for a child
/// process would starve every other test running beside it.
public enum ToolProcess {
    /// What a finished program left behind.
    public struct Outcome: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything written to standard output.
        public let stdout: [UInt8]
        /// Everything written to standard error, as text.
        public let stderr: String
    }

    /// Runs `executable` with `arguments`, feeding it `input`, in `directory` if given; at most
    /// one tool per core runs at a time, the others wait their turn.
    public static func run(
        _ executable: String, _ arguments: [String], input: [UInt8] = [], in directory: URL? = nil
    ) async throws -> Outcome {
        try await ToolSlots.shared.withSlot {
            try await runNow(executable, arguments, input: input, in: directory)
        }
    }

    private static func runNow(
        _ executable: String, _ arguments: [String], input: [UInt8], in directory: URL?
    ) async throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("tool-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in")
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try Data(input).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return Outcome(status: status, stdout: [UInt8](try Data(contentsOf: outURL)), stderr: stderr)
    }
}

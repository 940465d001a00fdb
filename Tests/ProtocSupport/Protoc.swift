import Foundation

/// Runs the system `protoc` (and other tools) for tests that check our output against it.
public enum Protoc {
    /// A tool exited with a failure status.
    public struct Failure: Error, CustomStringConvertible {
        /// The exit status.
        public let status: Int32
        /// What the tool wrote to standard error.
        public let stderr: String
        /// `protoc exited with N: ...`.
        public var description: String { "exited with \(status): \(stderr)" }
    }

    /// The repository's `Protos/` directory.
    public static let protosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protos").path

    /// Import paths that reach grpc-proto, the project's protos and the well-known types.
    /// grpc-proto comes first: the project's own `grpc/health` and `grpc/testing` protos share
    /// its paths, and the tests comparing against protoc mean the distributed originals.
    public static let standardImports = ["/usr/share/grpc-proto", protosDirectory, "/usr/include"]

    /// Compiles `files` to a serialized FileDescriptorSet with imports (and source info if asked).
    public static func descriptorSet(
        _ files: [String], importPaths: [String] = standardImports, sourceInfo: Bool = false
    ) throws -> [UInt8] {
        var arguments = importPaths.map { "-I\($0)" }
        arguments += ["--descriptor_set_out=/dev/stdout", "--include_imports"]
        if sourceInfo { arguments.append("--include_source_info") }
        return try run(arguments + files)
    }

    /// Runs protoc with `arguments`, feeding it `input`, and returns its standard output.
    public static func run(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        try runTool("/usr/bin/protoc", arguments, input: input).stdout
    }

    /// Runs `executable`, returning its standard output and error; throws on a failure status.
    public static func runTool(
        _ executable: String, _ arguments: [String], input: [UInt8] = []
    ) throws -> (stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Drain standard error on another thread, so that neither pipe can fill and stall the tool.
        let errors = CollectedOutput()
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        let errorText = String(decoding: errors.data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(status: process.terminationStatus, stderr: errorText)
        }
        return ([UInt8](output), errorText)
    }
}

/// Bytes one thread reads and another picks up after the DispatchGroup wait.
private final class CollectedOutput: @unchecked Sendable {
    var data = Data()
}

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
    ) async throws -> [UInt8] {
        var arguments = importPaths.map { "-I\($0)" }
        arguments += ["--descriptor_set_out=/dev/stdout", "--include_imports"]
        if sourceInfo { arguments.append("--include_source_info") }
        return try await run(arguments + files)
    }

    /// protoc's diagnostics for `files`, which are expected not to compile (exit status ignored).
    public static func diagnostics(_ files: [String], importPaths: [String] = standardImports) async throws -> String {
        try await ToolProcess.run("/usr/bin/protoc", importPaths.map { "-I\($0)" } + ["-o/dev/null"] + files).stderr
    }

    /// Runs protoc with `arguments`, feeding it `input`, and returns its standard output.
    public static func run(_ arguments: [String], input: [UInt8] = []) async throws -> [UInt8] {
        try await runTool("/usr/bin/protoc", arguments, input: input).stdout
    }

    /// Runs `executable`, returning its standard output and error; throws on a failure status.
    public static func runTool(
        _ executable: String, _ arguments: [String], input: [UInt8] = []
    ) async throws -> (stdout: [UInt8], stderr: String) {
        let outcome = try await ToolProcess.run(executable, arguments, input: input)
        guard outcome.status == 0 else { throw Failure(status: outcome.status, stderr: outcome.stderr) }
        return (outcome.stdout, outcome.stderr)
    }
}

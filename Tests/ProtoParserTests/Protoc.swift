import Foundation
import ProtoDescriptors

/// Runs the real protoc (3.21.12 here) as the reference the parser must agree with.
enum Protoc {
    /// The protoc executable, found on PATH.
    static let path = ["/usr/bin/protoc", "/usr/local/bin/protoc"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/protoc"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `protoc -I… --descriptor_set_out=… --include_imports [--include_source_info] files`, decoded.
    static func descriptorSet(importPaths: [String], files: [String], includeSourceInfo: Bool = false) throws -> FileDescriptorSet {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("protoc-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = importPaths.map { "-I" + $0 } + ["--descriptor_set_out=" + output.path, "--include_imports"]
        if includeSourceInfo { arguments.append("--include_source_info") }
        let (status, errors) = try run(arguments + files)
        guard status == 0 else { throw Failure(description: "protoc failed: \(errors)") }
        return try FileDescriptorSet(serializedData: try Data(contentsOf: output))
    }

    /// protoc's diagnostics for `files` (expected to fail).
    static func errors(importPaths: [String], files: [String]) throws -> String {
        try run(importPaths.map { "-I" + $0 } + ["-o/dev/null"] + files).errors
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let errors = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }
}

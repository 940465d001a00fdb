import Foundation

/// Runs the system `protoc` and returns what it wrote to standard output.
enum Protoc {
    struct Failure: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "protoc exited with \(status): \(stderr)" }
    }

    /// Compiles `files` to a serialized FileDescriptorSet (imports and source info included).
    static func descriptorSet(_ files: [String], importPaths: [String], sourceInfo: Bool = false) throws -> [UInt8] {
        var arguments = importPaths.map { "-I\($0)" }
        arguments += ["--descriptor_set_out=/dev/stdout", "--include_imports"]
        if sourceInfo { arguments.append("--include_source_info") }
        return try run(arguments + files)
    }

    /// Runs protoc with `arguments`, returning its standard output.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/protoc")
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return [UInt8](output)
    }
}

import Foundation
import ProtoParser
import ProtocSupport

/// Writes `.proto` sources into a fresh directory and compiles them from there.
struct ProtoSources {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("protoparser-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// protoc's errors for compiling `file`, warnings left out.
    func protocDiagnostics(compiling file: String, importPaths extra: [String] = []) async throws -> [String] {
        let output = try await Protoc.diagnostics([file], importPaths: [root.path] + extra)
        return output.split(separator: "\n").map(String.init).filter {
            !$0.contains("warning:") && !$0.contains("WARNING")
        }
    }

    /// Removes the files.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Our diagnostics for compiling `file`, one `file:line:col: message` string each.
    func diagnostics(compiling file: String, importPaths extra: [String] = []) -> [String] {
        do {
            _ = try ProtoCompiler(importPaths: [root.path] + extra).compile(files: [file])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}

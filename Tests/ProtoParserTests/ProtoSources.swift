import Foundation
import ProtoParser

/// Writes `.proto` sources into a fresh directory and compiles them from there.
struct ProtoSources {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("protoparser-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Our diagnostics for compiling `file`, one `file:line:col: message` string each.
    func diagnostics(compiling file: String, importPaths extra: [String] = []) -> [String] {
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try ProtoCompiler(importPaths: [root.path] + extra).compile(files: [file])
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}

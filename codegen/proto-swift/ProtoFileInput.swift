import ProtoDescriptors
import ProtoParser

/// Compiled files parsed from .proto sources by ProtoParser.
struct ProtoFileInput {
    /// Directories searched for the requested files and their imports.
    let importPaths: [String]

    /// Every file the requests need (imports first), with source info for doc comments;
    /// a parse or link error becomes one `file:line:col: message` line per diagnostic.
    func files(requested: [String]) throws(ToolFailure) -> [FileDescriptorProto] {
        do {
            return try ProtoCompiler(importPaths: importPaths).compile(files: requested, includeSourceInfo: true)
        } catch {
            throw ToolFailure(lines: error.diagnostics.map(\.description))
        }
    }

    /// The name a requested path gets in the compiled files: relative to the import path
    /// that holds it (`Protos/pinit/v1/task.proto` with `-I Protos` → `pinit/v1/task.proto`).
    func compiledName(of path: String) -> String {
        for root in importPaths {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import ProtoDescriptors

/// Compiles `.proto` files into `FileDescriptorProto`s the way `protoc --descriptor_set_out
/// --include_imports` does, without protoc.
///
/// Files are found through import paths and named by their path relative to the import path
/// that found them. Every problem is reported as a `Diagnostic` (`file:line:col: message`).
public struct ProtoCompiler: Sendable {
    /// Directories searched, in order, for requested and imported files.
    public let importPaths: [String]
    /// Files served from memory, by name, before the import paths are searched.
    public let sources: [String: [UInt8]]

    /// Creates a compiler that looks for files under `importPaths`, in order.
    public init(importPaths: [String]) {
        self.init(importPaths: importPaths, sources: [:])
    }

    /// Creates a compiler that finds files in `sources` (name → contents) first, then under
    /// `importPaths`: for tools and fuzzers that hold `.proto` text in memory.
    public init(importPaths: [String], sources: [String: [UInt8]]) {
        self.importPaths = importPaths
        self.sources = sources
    }

    /// Parses, links and checks `files` and everything they import.
    ///
    /// - Parameters:
    ///   - files: paths relative to an import path, or paths under one of them.
    ///   - includeSourceInfo: fill `sourceCodeInfo` with declaration locations and comments.
    /// - Returns: every file needed, imports first, each once, in dependency order.
    /// - Throws: `ProtoCompileError` with every diagnostic found.
    public func compile(files: [String], includeSourceInfo: Bool = false) throws(ProtoCompileError)
        -> [FileDescriptorProto]
    {
        var loader = FileLoader(importPaths: importPaths, sources: sources)
        for file in files {
            _ = loader.load(loader.virtualName(of: file), stack: [])
        }
        var linker = Linker(includeSourceInfo: includeSourceInfo)
        var descriptors: [FileDescriptorProto] = []
        var diagnostics = loader.diagnostics
        // Like protoc, a file with errors is left out of the pool: files importing it say so,
        // and its names are unknown to them.
        var unavailable = loader.failed
        for name in loader.order {
            guard let node = loader.parsed[name] else { continue }
            var importErrors: [Diagnostic] = []
            for dependency in node.imports
            where unavailable.contains(dependency.path) && !loader.failed.contains(dependency.path) {
                importErrors.append(
                    Diagnostic(
                        file: name, line: dependency.start.line + 1, column: dependency.start.column + 1,
                        message: "Import \"\(dependency.path)\" was not found or had errors."))
            }
            let linkedBefore = linker
            let result = linker.link(node, unavailable: unavailable)
            diagnostics += importErrors + result.diagnostics
            descriptors.append(result.descriptor)
            if !importErrors.isEmpty || !result.diagnostics.isEmpty || loader.failed.contains(name) {
                linker = linkedBefore
                unavailable.insert(name)
            }
        }
        if !diagnostics.isEmpty { throw ProtoCompileError(diagnostics: diagnostics) }
        return descriptors
    }
}

/// Finds, reads and parses files and their imports depth first, so `order` lists every file
/// after the files it imports; detects missing files and import cycles.
struct FileLoader {
    let importPaths: [String]
    let sources: [String: [UInt8]]
    private(set) var parsed: [String: FileNode] = [:]
    private(set) var order: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Files missing, unparsable, or importing such files (directly or not).
    private(set) var failed: Set<String> = []

    init(importPaths: [String], sources: [String: [UInt8]]) {
        self.importPaths = importPaths
        self.sources = sources
    }

    /// The name protoc gives a file on the command line: relative to the import path holding it.
    func virtualName(of path: String) -> String {
        for root in importPaths {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }

    /// Loads `name` and its imports; false when it or an import is missing or has errors.
    mutating func load(_ name: String, stack: [String]) -> Bool {
        if failed.contains(name) { return false }
        if order.contains(name) { return true }
        guard let source = read(name) else {
            diagnostics.append(Diagnostic(file: name, line: 0, column: 0, message: "File not found."))
            failed.insert(name)
            return false
        }
        let node: FileNode
        switch Parser.parse(source, fileName: name) {
        case .success(let file): node = file
        case .failure(let error):
            diagnostics += error.diagnostics
            failed.insert(name)
            return false
        }
        parsed[name] = node
        let path = stack + [name]
        var ok = true
        for dependency in node.imports {
            if let cycleStart = path.firstIndex(of: dependency.path) {
                let cycle = path[cycleStart...] + [dependency.path]
                let first = cycle[cycle.startIndex]
                let position =
                    parsed[first]?.imports.first { $0.path == cycle[cycle.startIndex + 1] }?.start ?? dependency.start
                diagnostics.append(
                    Diagnostic(
                        file: first, line: position.line + 1, column: position.column + 1,
                        message: "File recursively imports itself: " + cycle.joined(separator: " -> ")))
            }
            if path.contains(dependency.path) || !load(dependency.path, stack: path) {
                diagnostics.append(
                    Diagnostic(
                        file: name, line: dependency.start.line + 1, column: dependency.start.column + 1,
                        message: "Import \"\(dependency.path)\" was not found or had errors."))
                ok = false
            }
        }
        // Linked even when an import failed, so its own problems are reported too.
        order.append(name)
        if !ok { failed.insert(name) }
        return ok
    }

    private func read(_ name: String) -> [UInt8]? {
        if let source = sources[name] { return source }
        for root in importPaths {
            let path = root.isEmpty ? name : (root.hasSuffix("/") ? root : root + "/") + name
            if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        }
        return nil
    }
}

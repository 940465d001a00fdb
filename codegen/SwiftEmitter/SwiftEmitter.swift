import ProtoDescriptors

/// Generates Swift source for .proto files from their descriptors: one struct per message and
/// one enum per enum in the shape the ProtoCodec runtime expects, and for each service its
/// method descriptors, a server protocol and a typed client over RPCCore.
///
/// ```swift
/// let emitter = SwiftEmitter(files: compiled)          // every file, imports included
/// let swift = try emitter.generate(compiled.last!)     // the Swift text of one file
/// ```
public struct SwiftEmitter: Sendable {
    private let table: TypeTable
    private let filesByName: [String: FileDescriptorProto]

    /// Creates an emitter that can resolve any type declared in `files` (the requested files
    /// and everything they import).
    public init(files: [FileDescriptorProto]) {
        table = TypeTable(files: files)
        var byName: [String: FileDescriptorProto] = [:]
        for file in files { byName[file.name ?? ""] = file }
        filesByName = byName
    }

    /// The Swift source for `file`: its messages, enums and services, and its serialized descriptor.
    ///
    /// - Throws: `SwiftEmitterError` when a field refers to a type none of the files declares,
    ///   a default value is malformed, or the file uses a syntax other than proto2 or proto3.
    public func generate(_ file: FileDescriptorProto) throws(SwiftEmitterError) -> String {
        let context = try FileContext(file: file, table: table)
        return try FileEmitter(file: file, context: context, dependencies: transitiveImports(of: file)).source()
    }

    /// Every file `file` imports, directly or not, each once, dependencies before the files
    /// that import them; imports missing from the emitter's files are skipped.
    func transitiveImports(of file: FileDescriptorProto) -> [FileDescriptorProto] {
        var seen: Set<String> = [file.name ?? ""]
        var ordered: [FileDescriptorProto] = []
        func visit(_ name: String) {
            guard seen.insert(name).inserted, let imported = filesByName[name] else { return }
            for dependency in imported.dependency { visit(dependency) }
            ordered.append(imported)
        }
        for dependency in file.dependency { visit(dependency) }
        return ordered
    }

    /// Where the output for `protoPath` goes, relative to the output directory: the path with
    /// `/` turned into `_` and `.proto` into `.pb.swift` (`pinit/v1/task.proto` →
    /// `pinit_v1_task.pb.swift`), so that every file of a module has a distinct name.
    public static func outputPath(forProto protoPath: String) -> String {
        let stem = protoPath.hasSuffix(".proto") ? String(protoPath.dropLast(6)) : protoPath
        return stem.split(separator: "/").joined(separator: "_") + ".pb.swift"
    }
}

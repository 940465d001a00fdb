import DynamicProto
import Foundation
import HTTP2Transport
import ProtoDescriptors
import ProtoParser
import RPCCore

/// Where rpccurl learns the server's types: reflection, `.proto` files or protosets.
enum DescriptorSource: Sendable {
    case reflection(ReflectionClient<HTTP2ClientTransport>)
    case files([FileDescriptorProto])

    /// Reads `-proto` files (with our own compiler) and `-protoset` files, if any were given.
    ///
    /// - Throws: `Failure.other` with the compiler's `file:line:col: message` diagnostics or
    ///   the protoset's read or decode error.
    static func files(from flags: CallFlags) throws(Failure) -> [FileDescriptorProto]? {
        guard !flags.protoFiles.isEmpty || !flags.protosets.isEmpty else { return nil }
        var files: [FileDescriptorProto] = []
        for path in flags.protosets {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .other("could not read protoset \(path)")
            }
            do {
                files += try FileDescriptorSet(serializedBytes: [UInt8](data)).file
            } catch {
                throw .other("could not parse protoset \(path): \(error)")
            }
        }
        if !flags.protoFiles.isEmpty {
            do {
                let importPaths = flags.importPaths.isEmpty ? ["."] : flags.importPaths
                files += try ProtoCompiler(importPaths: importPaths + ["/usr/include"]).compile(files: flags.protoFiles)
            } catch {
                throw .other("failed to process proto source files: \(error)")
            }
        }
        return files
    }

    /// The services the source knows, sorted.
    func serviceNames() async throws(Failure) -> [String] {
        switch self {
        case .reflection(let client): return try await client.serviceNames().sorted()
        case .files(let files): return try Self.pool(files).serviceNames
        }
    }

    /// A pool holding `symbols` (services, methods, messages...) and everything they need.
    func pool(containing symbols: [String]) async throws(Failure) -> DescriptorPool {
        switch self {
        case .reflection(let client): return try Self.pool(try await client.files(containing: symbols))
        case .files(let files): return try Self.pool(files)
        }
    }

    /// The method `name` (`pkg.Service/Method`) and a pool holding its service and types.
    ///
    /// - Throws: `Failure.other`: `Symbol not found: NAME` when the service is unknown, `no
    ///   method M in service S` when the service is known but has no such method.
    func method(named name: String) async throws(Failure) -> (method: ServiceMethod, pool: DescriptorPool) {
        let service = MethodName.service(of: name)
        let pool = try await pool(containing: [service])
        if let method = pool.method(named: name) { return (method, pool) }
        guard pool.service(named: service) != nil else { throw .other("Symbol not found: \(name)") }
        throw .other("no method \(MethodName.method(of: name)) in service \(service)")
    }

    /// The pool of `files`.
    static func pool(_ files: [FileDescriptorProto]) throws(Failure) -> DescriptorPool {
        do {
            return try DescriptorPool(files: files)
        } catch {
            throw .other("the descriptors are inconsistent: \(error)")
        }
    }

    /// Writes `pool`'s files needed by `symbols` to `path` as a `FileDescriptorSet` (`-protoset-out`).
    static func writeProtoset(_ pool: DescriptorPool, symbols: [String], to path: String) throws(Failure) {
        var names: Set<String> = []
        var set = FileDescriptorSet()
        for symbol in symbols {
            guard let file = pool.file(containingSymbol: symbol) else { continue }
            for needed in pool.fileWithDependencies(file) where names.insert(needed.name ?? "").inserted {
                set.file.append(needed)
            }
        }
        guard FileManager.default.createFile(atPath: path, contents: set.serializedData()) else {
            throw .other("could not write \(path)")
        }
    }
}

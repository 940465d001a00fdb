import ProtoDescriptors
import ProtocSupport
import SwiftEmitter

/// Compiles protos with protoc and generates Swift for the requested ones.
enum Generation {
    /// The decoded descriptor set of `files`, imports and source info included.
    static func compiled(_ files: [String]) async throws -> [FileDescriptorProto] {
        try await FileDescriptorSet(serializedBytes: Protoc.descriptorSet(files, sourceInfo: true)).file
    }

    /// Generated Swift by output file name, for each of `files`.
    static func swift(for files: [String]) async throws -> [String: String] {
        let compiled = try await compiled(files)
        let emitter = SwiftEmitter(files: compiled)
        var sources: [String: String] = [:]
        for file in compiled where files.contains(file.name ?? "") {
            sources[SwiftEmitter.outputPath(forProto: file.name ?? "")] = try emitter.generate(file)
        }
        return sources
    }
}

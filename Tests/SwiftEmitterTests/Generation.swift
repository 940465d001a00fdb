import ProtoDescriptors
import ProtocSupport
import SwiftEmitter

/// Compiles protos with protoc and generates Swift for the requested ones.
enum Generation {
    /// The decoded descriptor set of `files`, imports and source info included.
    static func compiled(_ files: [String]) throws -> [FileDescriptorProto] {
        try FileDescriptorSet(serializedBytes: Protoc.descriptorSet(files, sourceInfo: true)).file
    }

    /// Generated Swift by output file name, for each of `files`.
    static func swift(for files: [String]) throws -> [String: String] {
        let compiled = try compiled(files)
        let emitter = SwiftEmitter(files: compiled)
        var sources: [String: String] = [:]
        for file in compiled where files.contains(file.name ?? "") {
            sources[SwiftEmitter.outputPath(forProto: file.name ?? "")] = try emitter.generate(file)
        }
        return sources
    }
}

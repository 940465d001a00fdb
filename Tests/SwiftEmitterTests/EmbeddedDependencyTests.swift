import ProtoCodec
import ProtoDescriptors
import Testing

@testable import SwiftEmitter

@Suite("Embedded dependencies")
struct EmbeddedDependencyTests {
    @Test("a generated file embeds every transitive import once, dependencies before their importers")
    func transitiveImportsInOrder() async throws {
        let compiled = try await Generation.compiled(["emittertest/features.proto"])
        let file = try #require(compiled.last)
        let emitter = SwiftEmitter(files: compiled)
        #expect(emitter.transitiveImports(of: file).map(\.name) == ["emittertest/prefixed.proto"])
        let prefixed = try #require(compiled.first { $0.name == "emittertest/prefixed.proto" })
        #expect(emitter.transitiveImports(of: prefixed).isEmpty)
    }

    @Test("the compiled dependencies decode as the imported files, without source info")
    func generatedDependenciesDecode() throws {
        let names = try Emittertest_WellKnown_FileDescriptor.dependencies.map { bytes in
            let file = try FileDescriptorProto(serializedBytes: bytes)
            #expect(file.sourceCodeInfo == nil)
            return file.name ?? ""
        }
        #expect(
            names == [
                "google/protobuf/descriptor.proto", "google/protobuf/duration.proto", "google/protobuf/empty.proto",
                "google/protobuf/timestamp.proto", "google/protobuf/wrappers.proto",
            ])
        #expect(Emittertest_Prefixed_FileDescriptor.dependencies.isEmpty)
    }
}

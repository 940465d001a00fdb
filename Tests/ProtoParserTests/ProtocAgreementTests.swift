import Foundation
import ProtoDescriptors
import ProtoParser
import ProtocSupport
import Testing

/// The parser must produce exactly what protoc 3.21.12 writes with `--descriptor_set_out
/// --include_imports`: same decoded descriptors, and the same bytes once re-encoded.
@Suite("Agreement with protoc")
struct ProtocAgreementTests {
    static let grpcRoot = "/usr/share/grpc-proto"
    static let includeRoot = "/usr/include"
    static let testProtos = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Protos")
        .path

    /// Files protoc itself cannot compile here: they import envoy's protos, which Debian does
    /// not ship. (google/rpc/code.proto, also missing, has a test-only stand-in under Protos/.)
    static let uncompilable: Set<String> = [
        "grpc/tls/provider/meshca/experimental/config.proto"
    ]

    static func protos(under root: String, subdirectory: String) -> [String] {
        let base = root + "/" + subdirectory
        let names = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []
        return names.filter { $0.hasSuffix(".proto") }.map { subdirectory + "/" + $0 }.sorted()
    }

    static let grpcFiles = protos(under: grpcRoot, subdirectory: "grpc").filter { !uncompilable.contains($0) }
    static let wellKnownFiles =
        ((try? FileManager.default.contentsOfDirectory(atPath: includeRoot + "/google/protobuf")) ?? [])
        .filter { $0.hasSuffix(".proto") }.sorted().map { "google/protobuf/" + $0 }
    static let ownFiles = protos(under: testProtos, subdirectory: "parsertest")
    /// The project's own `.proto` files (Protos/ at the repository root), whichever exist.
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Protos").path
    static let projectFiles = ((try? FileManager.default.contentsOfDirectory(atPath: projectRoot)) ?? []).sorted()
        .flatMap { protos(under: projectRoot, subdirectory: $0) }

    func expectAgreement(importPaths: [String], file: String) async throws {
        let theirs = try await FileDescriptorSet(
            serializedBytes: Protoc.descriptorSet([file], importPaths: importPaths)
        ).file
        let ours: [FileDescriptorProto]
        do {
            ours = try ProtoCompiler(importPaths: importPaths).compile(files: [file])
        } catch {
            Issue.record("\(file) did not compile:\n\(error)")
            return
        }
        #expect(ours.map(\.name) == theirs.map(\.name), "files in dependency order")
        for (our, their) in zip(ours, theirs) {
            if let difference = DescriptorDiff.difference(our, their) {
                Issue.record("\(file): \(difference)")
            }
        }
        var ourSet = FileDescriptorSet()
        ourSet.file = ours
        var theirSet = FileDescriptorSet()
        theirSet.file = theirs
        let identical = ourSet.serializedBytes() == theirSet.serializedBytes()
        #expect(identical, "re-encoded descriptor sets of \(file) are byte-identical")
    }

    @Test("every compilable grpc-proto file compiles exactly as protoc compiles it", arguments: grpcFiles)
    func grpcProto(file: String) async throws {
        try await expectAgreement(importPaths: [Self.grpcRoot, Self.includeRoot, Self.testProtos], file: file)
    }

    @Test("every google/protobuf/*.proto compiles exactly as protoc compiles it", arguments: wellKnownFiles)
    func wellKnownTypes(file: String) async throws {
        try await expectAgreement(importPaths: [Self.includeRoot], file: file)
    }

    @Test(
        "the parser's own test files (groups, extensions, custom options, maps, oneofs, proto3 optional) match protoc",
        arguments: ownFiles)
    func ownTestFiles(file: String) async throws {
        try await expectAgreement(importPaths: [Self.testProtos, Self.includeRoot], file: file)
    }

    @Test("every .proto file of the project (Protos/) compiles exactly as protoc compiles it", arguments: projectFiles)
    func projectProtos(file: String) async throws {
        try await expectAgreement(importPaths: [Self.projectRoot, Self.includeRoot], file: file)
    }

    @Test("a descriptor.proto in the pool defines which built-in options exist, as in protoc")
    func optionsFromLinkedDescriptorProto() async throws {
        // A descriptor.proto of our own, with an option 3.21's lacks: protoc interprets options
        // against the descriptor.proto it compiled, and keeps the unknown one as unknown bytes.
        let sources = try ProtoSources([
            "google/protobuf/descriptor.proto": """
            syntax = "proto2";
            package google.protobuf;
            message FileOptions { optional string java_package = 1; extensions 1000 to max; }
            message MessageOptions { optional bool deprecated = 3; optional Shape shape = 77; extensions 1000 to max; }
            message FieldOptions { optional bool packed = 2; optional bool deprecated = 3; repeated int32 tags = 88; extensions 1000 to max; }
            message Shape { optional int32 sides = 1; enum Kind { ROUND = 0; SQUARE = 1; } optional Kind kind = 2; }
            """,
            "uses.proto": """
            syntax = "proto2";
            import "google/protobuf/descriptor.proto";
            option java_package = "x";
            message M {
              option shape = { sides: 4 kind: SQUARE };
              optional int32 a = 1 [deprecated = true, tags = 5, tags = 6];
            }
            """,
        ])
        defer { sources.remove() }
        try await expectAgreement(importPaths: [sources.root.path], file: "uses.proto")
    }

    @Test("the list of files under test is not empty")
    func filesFound() {
        #expect(Self.grpcFiles.count >= 20)
        #expect(Self.wellKnownFiles.count >= 10)
        #expect(Self.ownFiles.count >= 4)
        #expect(!Self.projectFiles.isEmpty)
    }
}

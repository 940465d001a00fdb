import Foundation
import ProtoDescriptors
import ProtoParser
import ProtocSupport
import Testing

/// `includeSourceInfo: true` fills `sourceCodeInfo` with protoc's locations for declarations:
/// same paths, same spans, same leading comments as `protoc --include_source_info`.
@Suite("Source code info")
struct SourceInfoTests {
    static let importPaths = [ProtocAgreementTests.testProtos, ProtocAgreementTests.includeRoot]

    struct Location: Equatable, CustomStringConvertible {
        var path: [Int32]
        var span: [Int32]
        var leadingComments: String?
        var trailingComments: String?
        var detachedComments: [String]
        var description: String {
            "\(path) \(span) leading \(leadingComments.debugDescription) trailing \(trailingComments.debugDescription) detached \(detachedComments)"
        }
        var hasComments: Bool { leadingComments != nil || trailingComments != nil || !detachedComments.isEmpty }
    }

    static func locations(_ file: FileDescriptorProto) -> [Location] {
        (file.sourceCodeInfo?.location ?? []).map {
            Location(
                path: $0.path, span: $0.span, leadingComments: $0.leadingComments,
                trailingComments: $0.trailingComments, detachedComments: $0.leadingDetachedComments)
        }
    }

    /// Whether `path` names a declaration we record: a message, field, oneof, enum, enum value,
    /// extension, service or method (not an option, range, name or number).
    static func isDeclaration(_ path: [Int32]) -> Bool {
        guard path.count >= 2, path.count % 2 == 0 else { return false }
        var allowed: Set<Int32> = [4, 5, 6, 7]
        for tag in stride(from: 0, to: path.count, by: 2).map({ path[$0] }) {
            guard allowed.contains(tag) else { return false }
            switch (allowed, tag) {
            case ([4, 5, 6, 7], 4), ([2, 3, 4, 6, 8], 3): allowed = [2, 3, 4, 6, 8]
            case ([4, 5, 6, 7], 5), ([2, 3, 4, 6, 8], 4), ([4, 5, 6, 7], 6): allowed = [2]
            default: allowed = []
            }
        }
        return true
    }

    @Test(
        "declaration locations and their leading, trailing and detached comments match protoc's",
        arguments: [
            "parsertest/commented.proto", "parsertest/proto2_features.proto", "parsertest/custom_options.proto",
        ])
    func matchesProtoc(file: String) async throws {
        let theirs = try await FileDescriptorSet(
            serializedBytes: Protoc.descriptorSet([file], importPaths: Self.importPaths, sourceInfo: true)
        ).file.last
        let ours = try ProtoCompiler(importPaths: Self.importPaths).compile(files: [file], includeSourceInfo: true).last
        let ourLocations = Self.locations(try #require(ours))
        let protocLocations = Dictionary(Self.locations(try #require(theirs)).map { ($0.path, $0) }) { first, _ in first
        }
        #expect(ourLocations.count > 10)
        for location in ourLocations {
            #expect(protocLocations[location.path] == location, "ours: \(location)")
        }
        let declarations = protocLocations.values.filter { Self.isDeclaration($0.path) }
        #expect(declarations.count == ourLocations.count - 1, "one location per declaration, plus the file's")
        for location in declarations where location.hasComments {
            #expect(ourLocations.contains(location), "protoc's commented declaration \(location) is missing")
        }
    }

    @Test("without includeSourceInfo there is no source code info, as protoc without --include_source_info")
    func absentByDefault() throws {
        let ours = try ProtoCompiler(importPaths: Self.importPaths).compile(files: ["parsertest/commented.proto"])
        #expect(ours.allSatisfy { $0.sourceCodeInfo == nil })
    }
}

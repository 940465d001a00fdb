import Foundation
import ProtoDescriptors
import ProtoParser
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
        var description: String { "\(path) \(span) \(leadingComments.map { "\"\($0)\"" } ?? "-")" }
    }

    static func locations(_ file: FileDescriptorProto) -> [Location] {
        (file.sourceCodeInfo?.location ?? []).map { Location(path: $0.path, span: $0.span, leadingComments: $0.leadingComments) }
    }

    @Test("declaration locations and leading comments match protoc's", arguments: ["parsertest/commented.proto", "parsertest/proto2_features.proto"])
    func matchesProtoc(file: String) throws {
        let theirs = try Protoc.descriptorSet(importPaths: Self.importPaths, files: [file], includeSourceInfo: true).file.last
        let ours = try ProtoCompiler(importPaths: Self.importPaths).compile(files: [file], includeSourceInfo: true).last
        let ourLocations = Self.locations(try #require(ours))
        let protocLocations = Dictionary(Self.locations(try #require(theirs)).map { ($0.path, $0) }) { first, _ in first }
        #expect(ourLocations.count > 10)
        for location in ourLocations {
            #expect(protocLocations[location.path] == location, "ours: \(location)")
        }
        let commented = protocLocations.values.filter { $0.leadingComments != nil && $0.path.count % 2 == 0 && $0.path != [12] && $0.path != [2] }
        for location in commented {
            #expect(ourLocations.contains(location), "protoc's commented declaration \(location) is missing")
        }
    }

    @Test("without includeSourceInfo there is no source code info, as protoc without --include_source_info")
    func absentByDefault() throws {
        let ours = try ProtoCompiler(importPaths: Self.importPaths).compile(files: ["parsertest/commented.proto"])
        #expect(ours.allSatisfy { $0.sourceCodeInfo == nil })
    }
}

import Foundation
import ProtoCodec
import ProtoDescriptors
import ProtocSupport
import Testing

@Suite("Descriptor round trip against protoc")
struct DescriptorRoundTripTests {
    /// Debian's grpc-proto first: these tests check protoc's own health.proto (its options and
    /// comments), not the project's copy under Protos/, which shadows it in the standard imports.
    static let includes = ["/usr/share/grpc-proto", "/usr/include"]

    @Test(
        "protoc's descriptor sets re-encode byte for byte",
        arguments: [
            ["google/protobuf/descriptor.proto"],
            ["grpc/health/v1/health.proto"],
            ["google/protobuf/type.proto", "google/protobuf/struct.proto", "google/protobuf/timestamp.proto"],
        ])
    func reencodesIdentically(files: [String]) async throws {
        for sourceInfo in [false, true] {
            let bytes = try await Protoc.descriptorSet(files, importPaths: Self.includes, sourceInfo: sourceInfo)
            let set = try FileDescriptorSet(serializedBytes: bytes)
            #expect(!set.file.isEmpty)
            #expect(set.file.allSatisfy { $0.unknownFields.isEmpty })
            #expect(set.encodedSize() == bytes.count)
            #expect(set.serializedBytes() == bytes)
        }
    }

    @Test("decoded values match health.proto's declarations")
    func decodesHealth() async throws {
        let bytes = try await Protoc.descriptorSet(["grpc/health/v1/health.proto"], importPaths: Self.includes)
        let file = try #require(try FileDescriptorSet(serializedBytes: bytes).file.last)
        #expect(file.name == "grpc/health/v1/health.proto")
        #expect(file.package == "grpc.health.v1")
        #expect(file.syntax == "proto3")
        #expect(file.options?.csharpNamespace == "Grpc.Health.V1")
        let response = try #require(file.messageType.first { $0.name == "HealthCheckResponse" })
        let status = try #require(response.field.first)
        #expect(status.number == 1)
        #expect(status.label == .optional)
        #expect(status.type == .enum)
        #expect(status.typeName == ".grpc.health.v1.HealthCheckResponse.ServingStatus")
        #expect(response.enumType.first?.value.map(\.name) == ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"])
        let service = try #require(file.service.first)
        #expect(service.method.map(\.name) == ["Check", "Watch"])
        #expect(service.method.map(\.serverStreaming) == [nil, true])
    }

    @Test("source info keeps packed paths and leading comments")
    func sourceInfo() async throws {
        let bytes = try await Protoc.descriptorSet(
            ["grpc/health/v1/health.proto"], importPaths: Self.includes, sourceInfo: true)
        let file = try #require(try FileDescriptorSet(serializedBytes: bytes).file.last)
        let locations = try #require(file.sourceCodeInfo?.location)
        // [6, 0, 2, 1] is service 0, method 1 (Watch), which has a leading comment.
        let watch = try #require(locations.first { $0.path == [6, 0, 2, 1] })
        #expect(watch.leadingComments?.contains("Performs a watch") == true)
        #expect(watch.span.count >= 3)
    }

    @Test("custom options stay in the options' unknown fields and re-encode")
    func customOptionsKept() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("descriptor-tests-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proto = """
            syntax = "proto3";
            package custom;
            import "google/protobuf/descriptor.proto";
            extend google.protobuf.MessageOptions { string table = 50001; }
            message Row { option (table) = "rows"; int32 id = 1; }
            """
        try proto.write(to: directory.appendingPathComponent("custom.proto"), atomically: true, encoding: .utf8)
        let bytes = try await Protoc.descriptorSet(["custom.proto"], importPaths: [directory.path, "/usr/include"])
        let set = try FileDescriptorSet(serializedBytes: bytes)
        let file = try #require(set.file.last)
        #expect(file.extension.first?.extendee == ".google.protobuf.MessageOptions")
        let options = try #require(file.messageType.first?.options)
        // Field 50001, wire type 2: key varint 0x8a 0xb5 0x18, then length 4 and "rows".
        #expect(options.unknownFields.bytes == [0x8A, 0xB5, 0x18, 4] + Array("rows".utf8))
        #expect(set.serializedBytes() == bytes)
    }

    @Test("a truncated descriptor set is a typed error, not a crash")
    func truncatedInput() async throws {
        let bytes = try await Protoc.descriptorSet(["grpc/health/v1/health.proto"], importPaths: Self.includes)
        #expect(throws: ProtoDecodingError.self) {
            try FileDescriptorSet(serializedBytes: Array(bytes.dropLast(3)))
        }
    }
}

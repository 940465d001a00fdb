import Foundation
import ProtocSupport
import Testing

@Suite("Generated code compiles without warnings")
struct GeneratedCodeCompilesTests {
    /// The directory holding the built modules (ProtoCodec, ProtoDescriptors) next to this test bundle.
    static var modulesDirectory: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("Modules").path
    }

    static let protoSets: [[String]] = [
        [
            "emittertest/features.proto", "emittertest/prefixed.proto", "emittertest/legacy_features.proto",
            "emittertest/well_known.proto",
        ],
        ["emittertest/awkward_names.proto"],
        ["codectest/test_messages.proto", "codectest/legacy.proto"],
        ["google/protobuf/descriptor.proto"],
        [
            "google/protobuf/any.proto", "google/protobuf/api.proto", "google/protobuf/duration.proto",
            "google/protobuf/empty.proto", "google/protobuf/field_mask.proto", "google/protobuf/source_context.proto",
            "google/protobuf/struct.proto", "google/protobuf/timestamp.proto", "google/protobuf/type.proto",
            "google/protobuf/wrappers.proto",
        ],
        // The well-known types these import are generated alongside, so that the check does not
        // depend on which of them ProtoCodec provides.
        [
            "grpc/health/v1/health.proto", "grpc/reflection/v1/reflection.proto",
            "grpc/reflection/v1alpha/reflection.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto",
            "grpc/testing/empty.proto", "grpc/binlog/v1/binarylog.proto", "grpc/channelz/v1/channelz.proto",
            "google/protobuf/any.proto", "google/protobuf/duration.proto", "google/protobuf/timestamp.proto",
            "google/protobuf/wrappers.proto",
        ],
    ]

    @Test("swiftc type-checks the generated files with zero diagnostics", arguments: protoSets)
    func typeChecks(files: [String]) async throws {
        let sources = try await Generation.swift(for: files)
        #expect(sources.count == files.count)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emitter-compile-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (name, text) in sources {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let result = try await Protoc.runTool(
            "/usr/bin/env",
            ["swiftc", "-typecheck", "-swift-version", "6", "-module-name", "Generated", "-I", Self.modulesDirectory]
                + paths)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}

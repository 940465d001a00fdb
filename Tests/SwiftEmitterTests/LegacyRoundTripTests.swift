import Foundation
import ProtocSupport
import Testing

/// proto2: presence, declared defaults, groups and extensions, checked against protoc and
/// Python protobuf. The types are generated at build time by ProtoSwiftPlugin.
@Suite("Generated proto2 messages agree with protoc and Python")
struct LegacyRoundTripTests {
    static let file = "emittertest/legacy_features.proto"
    static let type = "emittertest.v1.LegacyFeatures"

    @Test("groups and extensions stay in unknownFields and protoc reads them back unchanged")
    func groupsAndExtensionsKept() async throws {
        let text = """
            id: 1 label: "x" packed: [1, 2] plain: [3, 4] Block { x: 5 } parent { id: 2 } right: 6
            [emittertest.v1.note]: "ext"
            """
        let bytes = try await ProtocText.encode(text, as: Self.type, in: Self.file)
        let message = try Emittertest_V1_LegacyFeatures(serializedBytes: bytes)
        #expect(message.id == 1 && message.label == "x" && message.magic == nil)
        #expect(message.packed == [1, 2] && message.plain == [3, 4])
        #expect(message.parent?.id == 2)
        #expect(message.either == .right(6))
        #expect(!message.unknownFields.isEmpty)
        let ours = message.serializedBytes()
        #expect(
            try await ProtocText.decode(ours, as: Self.type, in: Self.file)
                == ProtocText.decode(bytes, as: Self.type, in: Self.file))
    }

    @Test("explicit presence writes a field set to its default, and not an unset one")
    func presence() async throws {
        var message = Emittertest_V1_LegacyFeatures()
        message.id = 0
        message.on = false
        message.label = ""
        let text = try await ProtocText.decode(message.serializedBytes(), as: Self.type, in: Self.file)
        #expect(text == "id: 0\nlabel: \"\"\non: false\n")
    }

    @Test("OrDefault accessors return the declared defaults Python protobuf reports")
    func declaredDefaults() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-python-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Protoc.run(ProtocText.imports + ["--python_out=\(directory.path)", Self.file])
        let script = """
            import sys; sys.path.insert(0, sys.argv[1])
            from emittertest import legacy_features_pb2 as m
            f = m.LegacyFeatures()
            print(repr(f.label)); print(list(f.magic)); print(f.ratio); print(f.weight); print(f.on)
            print(f.priority); print(f.big); print(f.huge); print(f.left)
            """
        let output = try await Protoc.runTool("/usr/bin/env", ["python3", "-c", script, directory.path]).stdout
        let python = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        let message = Emittertest_V1_LegacyFeatures()
        let ours = [
            "'say \"hi\"\\n'", "\(message.magicOrDefault.map { Int($0) })", "\(message.ratioOrDefault)".lowercased(),
            "\(message.weightOrDefault)", message.onOrDefault ? "True" : "False",
            "\(message.priorityOrDefault.rawValue)",
            "\(message.bigOrDefault)", "\(message.hugeOrDefault)", message.left,
        ]
        #expect(message.labelOrDefault == "say \"hi\"\n")
        #expect(python == ours)
    }
}

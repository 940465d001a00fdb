import Foundation
import Testing
import ProtoCodec

@Suite("proto2 input from protoc")
struct LegacyAgreementTests {
    static let text =
        #"id: 1 name: "n" count: 0 Item { key: 7 value: "v" } legacy_tags: 3 legacy_tags: 4 "#
        + #"[codectest.legacy_extra]: -5 [codectest.legacy_note]: "x""#

    @Test("groups and extensions are kept as unknown fields and written back byte for byte")
    func groupsAndExtensionsSurvive() async throws {
        let bytes = try await Protoc.encode("codectest.Legacy", Self.text, file: Protoc.legacy)
        let legacy = try Legacy(serializedBytes: bytes)
        #expect(legacy.id == 1 && legacy.name == "n" && legacy.count == 0 && legacy.enabled == nil)
        #expect(legacy.legacyTags == [3, 4])
        #expect(!legacy.unknownFields.isEmpty)
        let reencoded = legacy.serializedBytes()
        #expect(reencoded.count == bytes.count)
        #expect(
            try await Protoc.decode("codectest.Legacy", reencoded, file: Protoc.legacy)
                == Protoc.decode("codectest.Legacy", bytes, file: Protoc.legacy))
    }

    @Test("a proto3 message skips a proto2 group whole")
    func proto3SkipsGroups() async throws {
        let bytes = try await Protoc.encode("codectest.Legacy", Self.text, file: Protoc.legacy)
        let payload = try Payload(serializedBytes: bytes) // fields 1, 2 and 3 have other types here
        #expect(payload.serializedBytes().count == bytes.count)
    }

    @Test("explicit presence writes set fields and omits unset ones, as protoc does")
    func presence() async throws {
        var legacy = Legacy()
        legacy.id = 0
        legacy.enabled = false
        legacy.legacyTags = [1, 2]
        let expected = try await Protoc.encode(
            "codectest.Legacy", "id: 0 enabled: false legacy_tags: [1, 2]", file: Protoc.legacy)
        #expect(legacy.serializedBytes() == expected)
    }
}

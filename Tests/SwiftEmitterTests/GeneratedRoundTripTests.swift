import Foundation
import ProtoCodec
import ProtoDescriptors
import Testing

/// The types here are generated at build time by ProtoSwiftPlugin from proto-swift.json.
@Suite("Generated messages agree with protoc")
struct GeneratedRoundTripTests {
    static let features = "emittertest/features.proto"
    static let featuresType = "emittertest.v1.Features"

    /// Every non-map feature, so that protoc's encoding is deterministic and comparable.
    static let everyFeature = """
        id: 7 name: "h\\303\\251llo" payload: "\\001\\002\\377" color: COLOR_GREEN level: LEVEL_HIGH
        inner { a: -3 deeper { note: "deep" } } type { flag: true } child { id: 8 child { name: "grandchild" } }
        packed_numbers: [1, -1, 300000000000] unpacked_numbers: [1, 2, 4294967295]
        colors: [COLOR_RED, COLOR_DARK_BLUE] words: ["a", "", "c"] inners { a: 1 } inners { } scores: [0.5, -0, 1e300]
        maybe_count: 0 maybe_name: "" maybe_color: COLOR_UNSPECIFIED nested_features { id: 9 name: "n" }
        class: "c" default: -1 self: true protocol: "p" unknown_fields: 5 encoded_size: 6 extension: "e"
        hash_value: 7 size: 8 tag: "t" value: "" writer { a: 2 } reader: ["r1", "r2"] mood: HAPPY
        prefixed { value: "v" } link { label: "l" chain { next { label: "n" } all { label: "x" } } } nothing { }
        """

    @Test("protoc's encoding decodes to the right values and re-encodes byte for byte")
    func everyFeatureRoundTrips() async throws {
        let bytes = try await ProtocText.encode(Self.everyFeature, as: Self.featuresType, in: Self.features)
        let message = try Emittertest_V1_Features(serializedBytes: bytes)
        #expect(message.id == 7)
        #expect(message.name == "héllo")
        #expect(message.payload == Data([1, 2, 255]))
        #expect(message.color == .green)
        #expect(message.level == .high)
        #expect(message.inner == .init(a: -3, deeper: .init(note: "deep")))
        #expect(message.type?.flag == true)
        #expect(message.child?.child?.name == "grandchild")
        #expect(message.packedNumbers == [1, -1, 300_000_000_000])
        #expect(message.unpackedNumbers == [1, 2, UInt32.max])
        #expect(message.colors == [.red, .darkBlue])
        #expect(message.scores.map(\.bitPattern) == [0.5, -0.0, 1e300].map(\.bitPattern))
        #expect(message.maybeCount == 0 && message.maybeName == "" && message.maybeColor == .unspecified)
        #expect(
            message.choice
                == .nestedFeatures(
                    try await Emittertest_V1_Features(
                        serializedBytes: ProtocText.encode(
                            "id: 9 name: \"n\"", as: Self.featuresType, in: Self.features))))
        #expect(message.nestedFeatures.name == "n" && message.text == "")
        #expect(message.`class` == "c" && message.`default` == -1 && message.self_p && message.unknownFields_p == 5)
        #expect(message.size == 8 && message.tag == "t" && message.value == Data() && message.writer?.a == 2)
        #expect(message.mood == .happy && message.mood == .cheerful)
        #expect(message.prefixed?.value == "v")
        #expect(message.link?.chain?.next?.label == "n")
        #expect(message.nothing == EXEmpty())
        #expect(message.unknownFields.isEmpty)
        #expect(message.encodedSize() == bytes.count)
        #expect(message.serializedBytes() == bytes)
    }

    @Test(
        "what we encode, protoc reads back as the same message",
        arguments: [
            "choice: text", "choice: picked", "choice: shade", "choice: signed",
        ])
    func protocReadsOurEncoding(choice: String) async throws {
        var message = try await Emittertest_V1_Features(
            serializedBytes: ProtocText.encode(Self.everyFeature, as: Self.featuresType, in: Self.features))
        switch choice {
        case "choice: text": message.text = "chosen"
        case "choice: picked": message.picked.a = 42
        case "choice: shade": message.shade = .unrecognized(77)
        default: message.signedValue = -5
        }
        let ours = message.serializedBytes()
        let text = try await ProtocText.decode(ours, as: Self.featuresType, in: Self.features)
        let protocBytes = try await ProtocText.encode(text, as: Self.featuresType, in: Self.features)
        #expect(protocBytes == ours)
        #expect(try Emittertest_V1_Features(serializedBytes: protocBytes) == message)
    }

    @Test("maps of every value kind survive both directions")
    func maps() async throws {
        let text = """
            counts { key: "a" value: 1 } counts { key: "b" value: -2 }
            inner_by_id { key: 5 value { a: 50 } } inner_by_id { key: -1 value { } }
            color_by_key { key: 18446744073709551615 value: COLOR_RED } color_by_key { key: 0 value: 9 }
            blobs { key: "" value: "\\000" }
            """
        let bytes = try await ProtocText.encode(text, as: Self.featuresType, in: Self.features)
        let message = try Emittertest_V1_Features(serializedBytes: bytes)
        #expect(message.counts == ["a": 1, "b": -2])
        #expect(message.innerById == [5: .init(a: 50), -1: .init()])
        #expect(message.colorByKey == [UInt64.max: .red, 0: .unrecognized(9)])
        #expect(message.blobs == ["": Data([0])])
        let echoed = try await ProtocText.encode(
            ProtocText.decode(message.serializedBytes(), as: Self.featuresType, in: Self.features),
            as: Self.featuresType, in: Self.features)
        #expect(try Emittertest_V1_Features(serializedBytes: echoed) == message)
    }

    @Test("an enum number the schema does not name is kept and written back")
    func unrecognizedEnum() async throws {
        let bytes = try await ProtocText.encode("color: 99 colors: [1, 98]", as: Self.featuresType, in: Self.features)
        let message = try Emittertest_V1_Features(serializedBytes: bytes)
        #expect(message.color == .unrecognized(99))
        #expect(message.colors == [.red, .unrecognized(98)])
        #expect(message.serializedBytes() == bytes)
    }
}

@Suite("Generated code uses the runtime's well-known and descriptor types")
struct WellKnownFieldTests {
    @Test("Timestamp, Duration, Empty, wrappers and descriptors come from ProtoCodec and ProtoDescriptors")
    func wellKnownFields() async throws {
        let text = """
            when { seconds: 5 nanos: 6 } wait { seconds: -1 nanos: -2 } nothing { } count { value: 3 }
            label { value: "l" } blobs { value: "b" } blobs { } file { name: "x.proto" package: "p" }
            """
        let bytes = try await ProtocText.encode(
            text, as: "emittertest.v1.WellKnown", in: "emittertest/well_known.proto")
        let message = try Emittertest_V1_WellKnown(serializedBytes: bytes)
        let when: Google_Protobuf_Timestamp? = message.when
        #expect(when == Google_Protobuf_Timestamp(seconds: 5, nanos: 6))
        #expect(message.wait == Google_Protobuf_Duration(seconds: -1, nanos: -2))
        #expect(message.nothing == Google_Protobuf_Empty())
        #expect(message.count?.value == 3 && message.label?.value == "l")
        #expect(message.blobs.map(\.value) == [Data("b".utf8), Data()])
        let file: FileDescriptorProto? = message.file
        #expect(file?.name == "x.proto" && file?.package == "p")
        #expect(message.serializedBytes() == bytes)
    }
}

import ProtoDescriptors
import SwiftEmitter
import Testing

@Suite("What the emitter writes for features.proto")
struct GeneratedSourceTests {
    static let features = "emittertest_features.pb.swift"

    private func source(_ output: String = features) async throws -> String {
        let sources = try await Generation.swift(for: [
            "emittertest/features.proto", "emittertest/legacy_features.proto",
        ])
        return try #require(sources[output])
    }

    @Test("messages are public Message structs with their protobuf name")
    func messageShape() async throws {
        let text = try await source()
        #expect(text.contains("public struct Emittertest_V1_Features: Message {"))
        #expect(text.contains(#"public static let protoMessageName = "emittertest.v1.Features""#))
        #expect(
            text.contains(
                "extension Emittertest_V1_Features.Inner {\n    /// The protobuf message `emittertest.v1.Features.Inner.Deeper`."
            ))
    }

    @Test("leading comments from source info become doc comments")
    func docComments() async throws {
        let text = try await source()
        #expect(text.contains("/// A message with\n/// a comment on two lines.\npublic struct Emittertest_V1_Features"))
        #expect(text.contains("    /// Green, with a comment.\n    case green"))
    }

    @Test("a message that can contain itself is boxed, and so is a oneof enum that can")
    func recursion() async throws {
        let text = try await source()
        #expect(text.contains("private var _child: IndirectMessage<Emittertest_V1_Features>?"))
        #expect(text.contains("private var _chain: IndirectMessage<Emittertest_V1_Chain>?"))
        #expect(text.contains("private var _next: IndirectMessage<Emittertest_V1_Link>?"))
        #expect(text.contains("public indirect enum OneOf_Choice: Sendable, Hashable"))
        #expect(text.contains("public var inner: Emittertest_V1_Features.Inner?\n"))
    }

    @Test("proto3 repeated numerics are packed unless [packed = false]; strings never")
    func packing() async throws {
        let text = try await source()
        #expect(text.contains("writer.writePacked(ProtoInt64.self, packedNumbers, field: 10)"))
        #expect(text.contains("writer.writeRepeated(ProtoUInt32.self, unpackedNumbers, field: 11)"))
        #expect(text.contains("writer.writePacked(ProtoEnumCodec<Emittertest_V1_Color>.self, colors, field: 12)"))
        #expect(text.contains("writer.writeRepeated(ProtoString.self, words, field: 13)"))
    }

    @Test("proto2 repeated fields are unpacked unless [packed = true]")
    func proto2Packing() async throws {
        let text = try await source("emittertest_legacy_features.pb.swift")
        #expect(text.contains("writer.writeRepeated(ProtoInt32.self, plain, field: 10)"))
        #expect(text.contains("writer.writePacked(ProtoInt32.self, packed, field: 11)"))
    }

    @Test("proto2 defaults are offered as OrDefault accessors, oneof members default to them too")
    func proto2Defaults() async throws {
        let text = try await source("emittertest_legacy_features.pb.swift")
        #expect(text.contains(#"public var labelOrDefault: String { label ?? "say \"hi\"\n" }"#))
        #expect(text.contains("public var magicOrDefault: Data { magic ?? Data([1, 255, 120, 34, 92]) }"))
        #expect(text.contains("public var ratioOrDefault: Double { ratio ?? .infinity }"))
        #expect(text.contains("public var priorityOrDefault: Emittertest_V1_Priority { priority ?? .high }"))
        #expect(text.contains(#"return value } else { return "L" } }"#))
        #expect(text.contains("public var limitOrDefault: Int32?\n"))
        #expect(!text.contains("limitOrDefault: Int32 {"))
    }

    @Test("groups and extensions are named in the header as not generated")
    func skippedFeatures() async throws {
        let legacy = try await source("emittertest_legacy_features.pb.swift")
        #expect(legacy.contains("// Not generated: 1 extension field(s)"))
        #expect(legacy.contains("// Not generated: group fields"))
        #expect(legacy.contains("// Group fields, kept in `unknownFields`: block = 12."))
        #expect(!legacy.contains("public var block"))
    }

    @Test("a file with services imports RPCCore, and method comments document both sides")
    func services() async throws {
        let text = try await source()
        #expect(text.contains("import ProtoCodec\nimport RPCCore\n"))
        #expect(text.contains("        /// Returns the request with its id incremented.\n        func get(request:"))
        #expect(
            text.contains(
                "        /// Returns the request with its id incremented.\n        ///\n        /// - Throws:"))
        #expect(!(try await source("emittertest_legacy_features.pb.swift").contains("import RPCCore")))
    }

    @Test("names that clash with Swift or Message members are escaped or renamed")
    func clashingNames() async throws {
        let text = try await source()
        for declaration in [
            "public var `class`: String", "public var `default`: Int32", "public var self_p: Bool",
            "public var unknownFields_p: Int64", "public var encodedSize_p: Int32", "public var `extension`: String",
            "public struct TypeMessage: Message", "public var prefixed: EXPrefixed?",
            "public static let cheerful: Emittertest_V1_Mood = .happy",
        ] {
            #expect(text.contains(declaration), "missing \(declaration)")
        }
    }

    @Test("without a package, names that shadow Swift, the runtime or a top-level type are moved aside")
    func awkwardNames() async throws {
        let text = try #require(
            try await Generation.swift(for: ["emittertest/awkward_names.proto"])["emittertest_awkward_names.pb.swift"])
        for declaration in [
            "public struct MessageMessage: Message", "public var inner: MessageMessage.MessageMessageMessage?",
            "public struct StringMessage: Message", "public struct DataMessage: Message",
            "public enum TypeEnum: ProtoEnum",
            "case unrecognized_", "case rawValue_", "public var init_p: Int32", "public var `true`: Int32",
            "public indirect enum OneOf_Value", "func `import`(request:", "func registerMethods_(request:",
        ] {
            #expect(text.contains(declaration), "missing \(declaration)")
        }
    }

    @Test("the file embeds its descriptor without source info")
    func embeddedDescriptor() async throws {
        let compiled = try await Generation.compiled(["emittertest/features.proto"])
        let file = try #require(compiled.last)
        var stripped = file
        stripped.sourceCodeInfo = nil
        let expected = stripped.serializedBytes()
        let text = try SwiftEmitter(files: compiled).generate(file)
        #expect(text.contains("public enum Emittertest_Features_FileDescriptor {"))
        let start = try #require(text.range(of: "public static let serialized: [UInt8] = [\n"))
        let end = try #require(text.range(of: "]\n", range: start.upperBound..<text.endIndex))
        let bytes = text[start.upperBound..<end.lowerBound]
            .split(whereSeparator: { $0 == "," || $0.isWhitespace })
            .map { UInt8($0.dropFirst(2), radix: 16) }
        #expect(bytes == expected.map(Optional.some))
    }

    @Test("files whose types the runtime declares get only their descriptor, and users import the module")
    func runtimeProvidedFiles() async throws {
        let sources = try await Generation.swift(for: [
            "google/protobuf/timestamp.proto", "emittertest/well_known.proto",
        ])
        let timestamp = try #require(sources["google_protobuf_timestamp.pb.swift"])
        #expect(!timestamp.contains("public struct"))
        #expect(timestamp.contains("public enum Google_Protobuf_Timestamp_FileDescriptor {"))
        let user = try #require(sources["emittertest_well_known.pb.swift"])
        #expect(user.contains("import ProtoCodec\nimport ProtoDescriptors\n"))
        #expect(user.contains("public var when: Google_Protobuf_Timestamp?"))
        #expect(user.contains("public var file: Google_Protobuf_FileDescriptorProto?"))
    }

    @Test("a field of an unknown type is an error naming the file and field")
    func unknownType() async throws {
        var compiled = try await Generation.compiled(["emittertest/prefixed.proto", "emittertest/features.proto"])
        compiled.removeAll { $0.name == "emittertest/prefixed.proto" }
        let file = try #require(compiled.last)
        #expect(
            throws: SwiftEmitterError(
                file: "emittertest/features.proto",
                message: "field emittertest.v1.Features.prefixed refers to unknown type .emittertest.other.Prefixed")
        ) {
            try SwiftEmitter(files: compiled).generate(file)
        }
    }

    @Test("editions files are refused with a clear error")
    func editions() throws {
        var file = FileDescriptorProto()
        file.name = "new.proto"
        file.syntax = "editions"
        #expect(throws: SwiftEmitterError.self) { try SwiftEmitter(files: [file]).generate(file) }
    }
}

/// protoc's text-format encoder and decoder, the reference the codec is compared with.
enum Protoc {
    /// The test schema of proto3 field kinds.
    static let testMessages = "codectest/test_messages.proto"
    /// The proto2 test schema.
    static let legacy = "codectest/legacy.proto"

    /// Encodes a text-format message of `type` (fully qualified) with `protoc --encode`.
    static func encode(_ type: String, _ text: String, file: String = testMessages) async throws -> [UInt8] {
        try await ExternalTool.run(
            ["protoc", "--encode=\(type)", "-I", "Protos", "-I", "/usr/include", file], input: Array(text.utf8))
    }

    /// Decodes `bytes` as `type` with `protoc --decode`, giving protoc's text format.
    static func decode(_ type: String, _ bytes: [UInt8], file: String = testMessages) async throws -> String {
        let output = try await ExternalTool.run(
            ["protoc", "--decode=\(type)", "-I", "Protos", "-I", "/usr/include", file], input: bytes)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `bytes` with no schema (`protoc --decode_raw`), naming fields by number.
    static func decodeRaw(_ bytes: [UInt8]) async throws -> String {
        String(decoding: try await ExternalTool.run(["protoc", "--decode_raw"], input: bytes), as: UTF8.self)
    }
}

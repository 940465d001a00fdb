import ProtocSupport

/// protoc's text-format encoder and decoder for the emitter's test protos.
enum ProtocText {
    static let imports = Protoc.standardImports.map { "-I\($0)" }

    /// Binary encoding of the text-format message `text` of type `type` declared in `file`.
    static func encode(_ text: String, as type: String, in file: String) async throws -> [UInt8] {
        try await Protoc.run(imports + ["--encode=\(type)", file], input: Array(text.utf8))
    }

    /// protoc's text-format rendering of `bytes` as `type` (fields in number order).
    static func decode(_ bytes: [UInt8], as type: String, in file: String) async throws -> String {
        String(decoding: try await Protoc.run(imports + ["--decode=\(type)", file], input: bytes), as: UTF8.self)
    }
}

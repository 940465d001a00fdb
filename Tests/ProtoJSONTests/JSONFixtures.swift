import DynamicProto
import Foundation
import ProtoJSON
import ProtoParser
import ProtocSupport

/// The pool, codec and protoc runs the JSON tests share.
enum JSONFixtures {
    static let files = ["jsontest/json_test.proto", "codectest/test_messages.proto"]

    /// A pool of both test files and the well-known types they import.
    static func pool() throws -> DescriptorPool {
        try DescriptorPool(files: ProtoCompiler(importPaths: Protoc.standardImports).compile(files: files))
    }

    /// `protoc --encode=type` over both test files, so that `Any` can name types of either.
    static func encode(_ text: String, type: String) async throws -> [UInt8] {
        try await Protoc.run(
            Protoc.standardImports.map { "-I\($0)" } + ["--encode=\(type)"] + files, input: Array(text.utf8))
    }

    /// JSON text with the whitespace outside strings removed.
    static func withoutWhitespace(_ json: String) -> String {
        var result = ""
        var inString = false, escaped = false
        for character in json {
            if inString {
                result.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
                result.append(character)
            } else if !character.isWhitespace {
                result.append(character)
            }
        }
        return result
    }
}

/// Python protobuf's json_format, run once for a whole batch of cases.
enum PythonPeer {
    /// What Python made of one case.
    struct Result {
        /// `MessageToJson` of the case's bytes (indent 2).
        let python: String
        /// Python's deterministic bytes for `Parse(our JSON)`, or nil with `parseError`.
        let fromOurs: [UInt8]?
        /// Why Python could not parse our JSON.
        let parseError: String?
    }

    /// One request: a message given as bytes, and our JSON for it; or, with no bytes, JSON
    /// for Python to parse alone.
    struct Case {
        let type: String
        var bytes: [UInt8]?
        let ours: String
        var emitDefaults = false
        var keepProtoNames = false
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/json_peer.py").path

    /// Generates the Python modules into a temporary directory and runs every case there.
    static func run(_ cases: [Case]) async throws -> [Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("json-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Protoc.runTool(
            "/usr/bin/env",
            ["python3", "-m", "grpc_tools.protoc", "-I\(Protoc.protosDirectory)", "--python_out=\(directory.path)"]
                + JSONFixtures.files)
        let requests: [[String: Any]] = cases.map {
            var request: [String: Any] = [
                "type": $0.type, "ours": $0.ours, "emitDefaults": $0.emitDefaults, "keepProtoNames": $0.keepProtoNames,
            ]
            if let bytes = $0.bytes { request["bytes"] = Data(bytes).base64EncodedString() }
            return request
        }
        let input = try JSONSerialization.data(withJSONObject: requests)
        let output = try await Protoc.runTool(
            "/usr/bin/env", ["python3", script, directory.path], input: [UInt8](input)
        ).stdout
        let results = try JSONSerialization.jsonObject(with: Data(output)) as? [[String: String]] ?? []
        return results.map { result in
            Result(
                python: result["python"] ?? "",
                fromOurs: result["fromOurs"].flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) },
                parseError: result["parseError"] ?? result["error"])
        }
    }
}

import Foundation

/// Python protobuf (upb) as a peer: generates the test schema's Python code into a temporary
/// directory, then answers a whole batch of requests from one python3 process.
enum PythonPeer {
    /// What Python should do with one message.
    enum Operation: UInt8 {
        /// Parse and serialize again.
        case roundTrip = 0x52 // "R"
        /// Parse, add fields TestAllTypes does not know, serialize.
        case addUnknownFields = 0x55 // "U"
    }

    /// Python refused a message.
    struct Refusal: Error, CustomStringConvertible {
        let index: Int
        let reason: String
        var description: String { "python rejected message \(index): \(reason)" }
    }

    /// Sends every message with its operation to one Python process and returns the
    /// answers in order.
    static func process(_ requests: [(Operation, [UInt8])]) async throws -> [[UInt8]] {
        let generated = FileManager.default.temporaryDirectory
            .appendingPathComponent("codec-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: generated) }
        _ = try await ExternalTool.run([
            "python3", "-m", "grpc_tools.protoc", "-I", "Protos", "--python_out=\(generated.path)",
            Protoc.testMessages,
        ])

        var input: [UInt8] = []
        for (operation, bytes) in requests {
            input.append(operation.rawValue)
            appendLength(bytes.count, to: &input)
            input += bytes
        }
        let script = "Tests/ProtoCodecTests/Python/protobuf_peer.py"
        let output = try await ExternalTool.run(["python3", script, generated.path], input: input)
        return try splitReplies(output, expected: requests.count)
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(length).littleEndian) { bytes += $0 }
    }

    private static func splitReplies(_ output: [UInt8], expected: Int) throws -> [[UInt8]] {
        var replies: [[UInt8]] = []
        var position = 0
        while position + 5 <= output.count {
            let length = output[(position + 1)..<(position + 5)].reversed().reduce(0) { $0 << 8 | Int($1) }
            let body = Array(output[(position + 5)..<(position + 5 + length)])
            if output[position] != 0x4B { // "K"
                throw Refusal(index: replies.count, reason: String(decoding: body, as: UTF8.self))
            }
            replies.append(body)
            position += 5 + length
        }
        guard replies.count == expected else {
            throw Refusal(index: replies.count, reason: "only \(replies.count) of \(expected) replies")
        }
        return replies
    }
}

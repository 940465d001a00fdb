import ProtoCodec
import RPCCore

/// The `rpccurltest.Echo` service rpccurl's tests call.
struct EchoService: Rpccurltest_Echo.ServiceProtocol {
    func get(
        request: ServerRequest<Rpccurltest_Sample>, context: ServerContext
    ) async throws -> ServerResponse<Rpccurltest_Sample> {
        try Self.failIfAsked(request.message)
        var headers = Metadata()
        for entry in request.metadata where entry.key.hasPrefix("x-") {
            headers.append(entry.value, forKey: entry.key)
        }
        return ServerResponse(message: request.message, metadata: headers, trailingMetadata: ["x-trailer": "done"])
    }

    func expand(
        request: ServerRequest<Rpccurltest_Sample>, context: ServerContext
    ) async throws -> StreamingServerResponse<Rpccurltest_Sample> {
        try Self.failIfAsked(request.message)
        return StreamingServerResponse { writer in
            for number in request.message.numbers {
                try await writer.write(Rpccurltest_Sample(text: String(number)))
            }
            return ["x-trailer": "done"]
        }
    }

    func collect(
        request: StreamingServerRequest<Rpccurltest_Sample>, context: ServerContext
    ) async throws -> ServerResponse<Rpccurltest_Sample> {
        var texts: [String] = []
        var numbers: [Int32] = []
        for try await sample in request.messages {
            try Self.failIfAsked(sample)
            texts.append(sample.text)
            numbers += sample.numbers
        }
        return ServerResponse(message: Rpccurltest_Sample(text: texts.joined(separator: " "), numbers: numbers))
    }

    func chat(
        request: StreamingServerRequest<Rpccurltest_Sample>, context: ServerContext
    ) async throws -> StreamingServerResponse<Rpccurltest_Sample> {
        StreamingServerResponse { writer in
            for try await sample in request.messages {
                try Self.failIfAsked(sample)
                try await writer.write(sample)
            }
            return Metadata()
        }
    }

    func ping(
        request: ServerRequest<Google_Protobuf_Empty>, context: ServerContext
    ) async throws -> ServerResponse<Google_Protobuf_Empty> {
        ServerResponse(message: Google_Protobuf_Empty())
    }

    /// Throws the status a `fail:CODE:message` text asks for.
    private static func failIfAsked(_ sample: Rpccurltest_Sample) throws {
        let parts = sample.text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "fail", let code = Int(parts[1]) else { return }
        throw RPCError(code: StatusCode(wireValue: code), message: String(parts[2]))
    }
}

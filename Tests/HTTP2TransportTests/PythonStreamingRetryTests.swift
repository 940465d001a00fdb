import HTTP2Transport
import RPCCore
import Testing

@Suite("gRFC A6 retries of streaming calls against a grpcio server", .timeLimit(.minutes(1)))
struct PythonStreamingRetryTests {
    static let collect = MethodDescriptor(service: "retrytest.Flaky", method: "Collect")
    static let repeatMethod = MethodDescriptor(service: "retrytest.Flaky", method: "Repeat")

    /// A client-streaming call of `texts` to `Collect`.
    static func collect(
        _ client: RPCClient<HTTP2ClientTransport>, _ texts: [String], _ metadata: Metadata,
        options: CallOptions = CallOptions(timeout: .seconds(20))
    ) async throws -> ClientResponse<Greeting> {
        try await client.clientStreaming(
            request: StreamingClientRequest(metadata: metadata) { writer in
                for text in texts { try await writer.write(Greeting(text)) }
            },
            descriptor: collect, responseType: Greeting.self, options: options)
    }

    /// A server-streaming call of `text` to `Repeat`: the texts received and the trailers.
    static func repeated(_ client: RPCClient<HTTP2ClientTransport>, _ text: String, _ metadata: Metadata)
        async throws -> (texts: [String], trailers: Metadata)
    {
        try await client.serverStreaming(
            request: ClientRequest(message: Greeting(text), metadata: metadata), descriptor: repeatMethod,
            responseType: Greeting.self, options: CallOptions(timeout: .seconds(20))
        ) { response in
            var texts: [String] = []
            for try await message in response.messages { texts.append(message.text) }
            return (texts, response.trailingMetadata)
        }
    }

    @Test("client streaming: UNAVAILABLE twice, then every request message is sent again and the call succeeds")
    func clientStreamingReplayed() async throws {
        try await PythonRetryTests.withFlakyServer(try PythonRetryTests.config()) { client in
            let response = try await Self.collect(
                client, ["a", "b", "c"], ["x-call": "s1", "x-fail": "2", "x-code": "14"])
            #expect(response.message.text == "abc")
            #expect(response.trailingMetadata.firstString(forKey: "x-seen") == "none,1,2")
        }
    }

    @Test("client streaming: a request over the retry buffer commits the call, which is not retried")
    func retryBufferCommits() async throws {
        try await PythonRetryTests.withFlakyServer(try PythonRetryTests.config()) { client in
            var options = CallOptions(timeout: .seconds(20))
            options.retryBufferSize = 4
            await #expect(throws: RPCError.self) {
                _ = try await Self.collect(
                    client, ["abc", "def"], ["x-call": "s2", "x-fail": "1", "x-code": "14"], options: options)
            }
            // Within the buffer, the same failure is retried.
            options.retryBufferSize = 64
            let response = try await Self.collect(
                client, ["abc", "def"], ["x-call": "s3", "x-fail": "1", "x-code": "14"], options: options)
            #expect(response.message.text == "abcdef")
        }
    }

    @Test("server streaming: UNAVAILABLE once, then the responses of the second attempt")
    func serverStreamingRetried() async throws {
        try await PythonRetryTests.withFlakyServer(try PythonRetryTests.config()) { client in
            let (texts, trailers) = try await Self.repeated(
                client, "hi", ["x-call": "s4", "x-fail": "1", "x-code": "14"])
            #expect(texts == ["hi", "hi", "hi"])
            #expect(trailers.firstString(forKey: "x-seen") == "none,1")
        }
    }

    @Test("server streaming: a failure after response headers is committed, not retried")
    func serverStreamingCommitted() async throws {
        try await PythonRetryTests.withFlakyServer(try PythonRetryTests.config()) { client in
            do {
                _ = try await Self.repeated(
                    client, "hi", ["x-call": "s5", "x-fail": "1", "x-code": "14", "x-headers": "1"])
                Issue.record("a committed failure was retried")
            } catch let error as RPCError {
                #expect(error.message == "attempt 1")
            }
        }
    }
}

import InProcessTransport
import RPCCore
import Testing

/// Sends `count` request messages to the unary method as a client-streaming call would, and
/// returns the error the call ends with (nil when it succeeds).
private func callUnary(_ client: Client, withMessages count: Int) async -> RPCError? {
    let request = StreamingClientRequest<Echo> { writer in
        for _ in 0..<count { try await writer.write(Echo("x")) }
    }
    return await rpcError {
        _ = try await client.clientStreaming(request: request, descriptor: Methods.unary, responseType: Echo.self)
    }
}

/// Calls the server-streaming method as if it were unary, asking for `count` response
/// messages, and returns the error the call ends with (nil when it succeeds).
private func callAsUnary(_ client: Client, askingFor count: Int64) async -> RPCError? {
    await rpcError {
        _ = try await client.unary(
            request: ClientRequest(message: Echo("x", number: count)), descriptor: Methods.serverStreaming,
            responseType: Echo.self)
    }
}

@Suite("unary calls given the wrong number of messages, read part by part (in process)", .timeLimit(.minutes(1)))
struct UnaryShapeTests {
    @Test(
        "a unary method given no request message or two ends INTERNAL naming what was wrong; one is answered",
        arguments: [
            (0, RPCError.requestWithoutMessage.message), (2, RPCError.requestWithExtraMessage.message), (1, nil),
        ])
    func requestShapes(messages: Int, failure: String?) async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let error = await callUnary(client, withMessages: messages)
            #expect(error?.message == failure)
            #expect(error.map { $0.code == .internal } ?? true)
        }
    }

    @Test(
        "a unary response with no message or two ends INTERNAL naming what was wrong; one is the response",
        arguments: [
            (0, "the server ended a unary response without a message"),
            (2, "the server sent more than one message in a unary response"), (1, nil),
        ])
    func responseShapes(messages: Int64, failure: String?) async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let error = await callAsUnary(client, askingFor: messages)
            #expect(error?.message == failure)
            #expect(error.map { $0.code == .internal } ?? true)
        }
    }
}

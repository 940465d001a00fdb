import HTTP2Transport
import InProcessTransport
@testable import InteropTesting
import RPCCore
import Testing

private let streamingOutputCall = Grpc_Testing_TestService.Method.streamingOutputCall

/// Calls the server-streaming `StreamingOutputCall` as if it were unary, asking for `count`
/// response messages, and returns the error the call ends with (nil when it succeeds).
private func callAsUnary<Transport: ClientTransport>(
    _ client: RPCClient<Transport>, askingFor count: Int
) async -> RPCError? {
    let request = Grpc_Testing_StreamingOutputCallRequest(
        responseParameters: (0..<count).map { _ in Grpc_Testing_ResponseParameters(size: 3) })
    do {
        _ = try await client.unary(
            request: ClientRequest(message: request), descriptor: streamingOutputCall,
            responseType: Grpc_Testing_StreamingOutputCallResponse.self)
        return nil
    } catch {
        return error
    }
}

@Suite("A unary response with no message or two", .timeLimit(.minutes(1)))
struct UnaryResponseShapeTests {
    @Test(
        "over HTTP/2 (the transport reads the response whole): INTERNAL naming what was wrong; one message is the response"
    )
    func overHTTP2() async throws {
        let server = try await HTTP2TestServer.start(interopRouter(HTTP2ServerTransport.self))
        try await server.withClient { client in
            let none = await callAsUnary(client, askingFor: 0)
            #expect(none?.code == .internal)
            #expect(none?.message == "the server ended a unary response without a message")
            let two = await callAsUnary(client, askingFor: 2)
            #expect(two?.code == .internal)
            #expect(two?.message == "the server sent more than one message in a unary response")
            #expect(await callAsUnary(client, askingFor: 1) == nil)
        }
        try await server.stop()
    }

    @Test("in process (the default reader, part by part): the same")
    func inProcess() async throws {
        try await withInProcessServer(interopRouter(InProcessServerTransport.self)) { client in
            #expect(
                await callAsUnary(client, askingFor: 0)?.message
                    == "the server ended a unary response without a message")
            #expect(
                await callAsUnary(client, askingFor: 2)?.message
                    == "the server sent more than one message in a unary response")
            #expect(await callAsUnary(client, askingFor: 1) == nil)
        }
    }
}

import HTTP2Transport
@testable import InteropTesting
import RPCCore
import Testing

/// Sends `count` request messages to the unary method `UnaryCall` as a client-streaming call
/// would, and returns the error the call ends with (nil when it succeeds).
private func callUnary(_ client: RPCClient<HTTP2ClientTransport>, withMessages count: Int) async -> RPCError? {
    let request = StreamingClientRequest<Grpc_Testing_SimpleRequest> { writer in
        for _ in 0..<count { try await writer.write(Grpc_Testing_SimpleRequest(responseSize: 1)) }
    }
    do {
        _ = try await client.clientStreaming(
            request: request, descriptor: Grpc_Testing_TestService.Method.unaryCall,
            responseType: Grpc_Testing_SimpleResponse.self)
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}

/// Calls the server-streaming `StreamingOutputCall` as if it were unary, asking for `count`
/// response messages, and returns the error the call ends with (nil when it succeeds).
private func callAsUnary(_ client: RPCClient<HTTP2ClientTransport>, askingFor count: Int) async -> RPCError? {
    let request = Grpc_Testing_StreamingOutputCallRequest(
        responseParameters: (0..<count).map { _ in Grpc_Testing_ResponseParameters(size: 3) })
    do {
        _ = try await client.unary(
            request: ClientRequest(message: request), descriptor: Grpc_Testing_TestService.Method.streamingOutputCall,
            responseType: Grpc_Testing_StreamingOutputCallResponse.self)
        return nil
    } catch {
        return error
    }
}

@Suite("unary calls given the wrong number of messages over HTTP/2 (read whole)", .timeLimit(.minutes(1)))
struct UnaryShapeOverHTTP2Tests {
    @Test(
        "a unary method given no request message or two: INTERNAL naming what was wrong (the server reads the request whole); one message is answered"
    )
    func requestShapes() async throws {
        let server = try await RunningServer.start(serving: interopRouter())
        try await server.withClient { client in
            let none = await callUnary(client, withMessages: 0)
            #expect(none?.code == .internal)
            #expect(none?.message == RPCError.requestWithoutMessage.message)
            let two = await callUnary(client, withMessages: 2)
            #expect(two?.code == .internal)
            #expect(two?.message == RPCError.requestWithExtraMessage.message)
            #expect(await callUnary(client, withMessages: 1) == nil)
        }
        try await server.stop()
    }

    @Test(
        "a unary response with no message or two: INTERNAL naming what was wrong (the client's loop collects the response); one message is the response"
    )
    func responseShapes() async throws {
        let server = try await RunningServer.start(serving: interopRouter())
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
}

import HTTP2Transport
import InProcessTransport
@testable import InteropTesting
import RPCCore
import Testing

private let unaryCall = Grpc_Testing_TestService.Method.unaryCall

/// Sends `count` request messages to the unary method `UnaryCall` as a client-streaming call
/// would, and returns the error the call ends with.
private func callUnary<Transport: ClientTransport>(
    _ client: RPCClient<Transport>, withMessages count: Int
) async -> RPCError? {
    let request = StreamingClientRequest<Grpc_Testing_SimpleRequest> { writer in
        for _ in 0..<count { try await writer.write(Grpc_Testing_SimpleRequest(responseSize: 1)) }
    }
    do {
        _ = try await client.clientStreaming(
            request: request, descriptor: unaryCall, responseType: Grpc_Testing_SimpleResponse.self)
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}

@Suite("A unary method given no request message or two", .timeLimit(.minutes(1)))
struct UnaryRequestShapeTests {
    @Test(
        "over HTTP/2 (the transport reads the request whole): INTERNAL naming what was wrong; one message is answered")
    func overHTTP2() async throws {
        let server = try await HTTP2TestServer.start(interopRouter(HTTP2ServerTransport.self))
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

    @Test("in process (the default reader, part by part): the same statuses")
    func inProcess() async throws {
        try await withInProcessServer(interopRouter(InProcessServerTransport.self)) { client in
            let none = await callUnary(client, withMessages: 0)
            #expect(none?.message == RPCError.requestWithoutMessage.message)
            let two = await callUnary(client, withMessages: 2)
            #expect(two?.message == RPCError.requestWithExtraMessage.message)
            #expect(await callUnary(client, withMessages: 1) == nil)
        }
    }
}

import HTTP2Transport
@testable import InteropTesting
import RPCCore
import Testing

private let unaryCall = Grpc_Testing_TestService.Method.unaryCall

/// A router whose UnaryCall raises `started`, waits until cancelled, then raises `cancelled`.
private func sleepingRouter(_ cancelled: Signal, started: Signal = Signal()) -> RPCRouter<HTTP2ServerTransport> {
    var router = RPCRouter<HTTP2ServerTransport>()
    router.registerUnary(unaryCall) {
        (_: ServerRequest<Grpc_Testing_SimpleRequest>, _) -> ServerResponse<Grpc_Testing_SimpleResponse> in
        started.raise()
        do {
            try await Task.sleep(for: .seconds(60))
        } catch {
            cancelled.raise()
            throw error
        }
        return ServerResponse(message: Grpc_Testing_SimpleResponse())
    }
    return router
}

@Suite("Deadlines and cancellation through RPCClient and RPCServer over HTTP/2", .timeLimit(.minutes(1)))
struct HTTP2DeadlineAndCancellationTests {
    @Test("the client's timeout is sent as grpc-timeout: the handler's deadline is within it")
    func timeoutReachesServer() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(unaryCall) { (_: ServerRequest<Grpc_Testing_SimpleRequest>, context) in
            let milliseconds = context.remainingTime.map { $0 / .milliseconds(1) } ?? -1
            return ServerResponse(message: Grpc_Testing_SimpleResponse(username: "\(milliseconds)"))
        }
        let server = try await RunningServer.start(serving: router)
        let remaining = try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let response = try await service.unaryCall(
                ClientRequest(message: Grpc_Testing_SimpleRequest()), options: CallOptions(timeout: .seconds(5)))
            return Double(response.message.username) ?? -1
        }
        // Without grpc-timeout the handler would see no deadline (-1).
        #expect(remaining > 0 && remaining <= 5_000, "the handler had \(remaining) ms left of a 5 s timeout")
        try await server.stop()
    }

    @Test(
        "a server that never answers: the client ends the call at its deadline with DEADLINE_EXCEEDED and resets the stream"
    )
    func deadlineEnforcedLocally() async throws {
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let reset = Signal()
        let listening = Task {
            try await transport.listen { stream, _ in
                // Ignores the deadline and never answers; only the client's reset ends this.
                do {
                    for try await _ in stream.inbound {}
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    reset.raise()
                }
            }
        }
        let client = RPCClient(transport: HTTP2ClientTransport(target: try await transport.listeningAddress()))
        let start = ContinuousClock.now
        let error = await #expect(throws: RPCError.self) {
            // A second: the stream must be open on the server before the deadline, which takes
            // longer than a fraction of a second under a loaded test run (connecting included).
            _ = try await Grpc_Testing_TestService.Client(wrapping: client).unaryCall(
                ClientRequest(message: Grpc_Testing_SimpleRequest()), options: CallOptions(timeout: .seconds(1)))
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(await reset.wait(), "the server's handler never saw the stream reset")
        client.beginGracefulShutdown()
        transport.beginGracefulShutdown()
        try await listening.value
    }

    @Test("at the deadline the server cancels the handler and answers DEADLINE_EXCEEDED itself")
    func deadlineEnforcedByServer() async throws {
        let cancelled = Signal(), started = Signal()
        let server = try await RunningServer.start(serving: sleepingRouter(cancelled, started: started))
        // The bare transport sends grpc-timeout but, unlike RPCClient, does not enforce it.
        let client = HTTP2ClientTransport(target: server.address)
        let options = CallOptions(timeout: .seconds(1)).resolvingDeadline(from: .now)
        let status = try await client.withStream(descriptor: unaryCall, options: options) { stream in
            try await stream.outbound.write(.metadata([:]))
            try await stream.outbound.write(.message(Grpc_Testing_SimpleRequest().serializedBytes()))
            await stream.outbound.finish()
            var status: Status?
            for try await part in stream.inbound {
                if case .status(let final, _) = part { status = final }
            }
            return status
        }
        #expect(status?.code == .deadlineExceeded)
        #expect(await started.wait(timeout: .zero), "the handler never ran")
        #expect(await cancelled.wait(), "the handler was not cancelled at the deadline")
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test("cancelling the calling task ends the call CANCELLED and the server's handler sees the cancellation")
    func clientCancellationReachesHandler() async throws {
        let cancelled = Signal(), started = Signal()
        let server = try await RunningServer.start(serving: sleepingRouter(cancelled, started: started))
        try await server.withClient { client in
            let call = Task {
                try await Grpc_Testing_TestService.Client(wrapping: client).unaryCall(
                    ClientRequest(message: Grpc_Testing_SimpleRequest()))
            }
            #expect(await started.wait(), "the handler never ran")
            call.cancel()
            let error = await #expect(throws: RPCError.self) { _ = try await call.value }
            #expect(error?.code == .cancelled)
            #expect(await cancelled.wait(), "the handler was not cancelled")
        }
        try await server.stop()
    }

    @Test("a unary call made by a task already cancelled fails CANCELLED and never reaches the server")
    func cancelledBeforeTheCall() async throws {
        let handled = Counter()
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(unaryCall) { (_: ServerRequest<Grpc_Testing_SimpleRequest>, _) in
            handled.increment()
            return ServerResponse(message: Grpc_Testing_SimpleResponse())
        }
        let server = try await RunningServer.start(serving: router)
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            // The connection is ready, so the call gets as far as the exchange itself.
            _ = try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest()))
            let cancelled = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest()))
            }
            let error = await #expect(throws: RPCError.self) { _ = try await cancelled.value }
            #expect(error?.code == .cancelled)
            _ = try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest()))
        }
        #expect(handled.count == 2)
        try await server.stop()
    }

    @Test("a handler that is cancelled on the server ends the client's streaming call with CANCELLED")
    func serverCancellationReachesClient() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerBidirectionalStreaming(Grpc_Testing_TestService.Method.fullDuplexCall) {
            (request: StreamingServerRequest<Grpc_Testing_StreamingOutputCallRequest>, _) in
            StreamingServerResponse<Grpc_Testing_StreamingOutputCallResponse> { writer in
                for try await _ in request.messages {
                    try await writer.write(Grpc_Testing_StreamingOutputCallResponse())
                    throw CancellationError()
                }
                return [:]
            }
        }
        let server = try await RunningServer.start(serving: router)
        try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let error = await #expect(throws: RPCError.self) {
                try await service.fullDuplexCall(
                    StreamingClientRequest { writer in
                        for _ in 0..<1_000 { try await writer.write(Grpc_Testing_StreamingOutputCallRequest()) }
                    }
                ) { response in
                    for try await _ in response.messages {}
                }
            }
            #expect(error?.code == .cancelled)
        }
        try await server.stop()
    }
}

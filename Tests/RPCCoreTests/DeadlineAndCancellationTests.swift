import Testing
import RPCCore
import InProcessTransport

@Suite("deadlines and cancellation")
struct DeadlineAndCancellationTests {
    /// Registers a unary handler that waits (up to a minute) and reports on `events` whether
    /// it was cancelled.
    static func registerBlocking(_ router: inout Router, events: AsyncStream<String>.Continuation) {
        router.registerUnary(Methods.unary) { (_: ServerRequest<Echo>, _) -> ServerResponse<Echo> in
            events.yield("started")
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                events.yield("cancelled")
                throw error
            }
            return ServerResponse(message: Echo())
        }
    }

    @Test("a call past its deadline fails with DEADLINE_EXCEEDED and the server handler is cancelled")
    func deadlineExceeded() async throws {
        let (events, eventSink) = AsyncStream.makeStream(of: String.self)
        try await withServer({ Self.registerBlocking(&$0, events: eventSink) }) { client in
            let start = ContinuousClock.now
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self,
                    options: CallOptions(timeout: .milliseconds(300)))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(start.duration(to: .now) < .seconds(10))
        }
        // The server has stopped, so every handler has ended. On a loaded machine the deadline
        // may pass before the handler starts; a handler that did start must have been cancelled.
        eventSink.finish()
        var seen: [String] = []
        for await event in events { seen.append(event) }
        #expect(seen == ["started", "cancelled"] || seen.isEmpty)
    }

    @Test("the server enforces the deadline itself: it cancels the handler and answers DEADLINE_EXCEEDED")
    func serverEnforcesDeadline() async throws {
        let (_, eventSink) = AsyncStream.makeStream(of: String.self)
        try await withServer({ Self.registerBlocking(&$0, events: eventSink) }) { client in
            // Straight through the transport, so only the server's timer can end the call.
            let options = CallOptions(deadline: .now.advanced(by: .milliseconds(100)))
            let final = try await client.transport.withStream(descriptor: Methods.unary, options: options) { stream in
                try await stream.outbound.write(.metadata([:]))
                try await stream.outbound.write(.message(Echo().serializedBytes()))
                await stream.outbound.finish()
                var last: ResponsePart?
                for try await part in stream.inbound { last = part }
                return last
            }
            guard case .status(let status, _) = final else {
                Issue.record("expected a status, got \(String(describing: final))")
                return
            }
            #expect(status.code == .deadlineExceeded)
        }
    }

    @Test("a deadline already passed fails at once without reaching the server")
    func passedDeadline() async throws {
        let (events, eventSink) = AsyncStream.makeStream(of: String.self)
        try await withServer({ Self.registerBlocking(&$0, events: eventSink) }) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self,
                    options: CallOptions(deadline: .now.advanced(by: .seconds(-1))))
            }
            #expect(error?.code == .deadlineExceeded)
            eventSink.finish()
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == nil)
        }
    }

    @Test("the handler sees the remaining time until the client's deadline, and none without one")
    func remainingDeadlineExposed() async throws {
        try await withServer({ router in
            router.registerUnary(Methods.unary) { (_: ServerRequest<Echo>, context) in
                let remaining = context.remainingTime.map {
                    $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000
                }
                return ServerResponse(message: Echo(context.deadline == nil ? "none" : "set", number: remaining ?? -1))
            }
        }) { client in
            let timed = try await client.unary(
                request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self,
                options: CallOptions(timeout: .seconds(10)))
            #expect(timed.message.text == "set")
            #expect(timed.message.number > 0 && timed.message.number <= 10_000)
            let untimed = try await client.unary(
                request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self)
            #expect(untimed.message.text == "none")
        }
    }

    @Test("cancelling the client's task fails the call with CANCELLED and cancels the server handler")
    func clientCancellation() async throws {
        let (events, eventSink) = AsyncStream.makeStream(of: String.self)
        try await withServer({ Self.registerBlocking(&$0, events: eventSink) }) { client in
            let call = Task {
                try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self)
            }
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == "started")
            call.cancel()
            let error = await rpcError { _ = try await call.value }
            #expect(error?.code == .cancelled)
            #expect(await iterator.next() == "cancelled")
        }
    }

    @Test(
        "a server ending the call while the client still streams requests ends the client's call with the server's status"
    )
    func serverEndsWhileClientStreams() async throws {
        try await withServer(
            bufferCapacity: 2,
            { router in
                router.registerClientStreaming(Methods.clientStreaming) {
                    (request: StreamingServerRequest<Echo>, _) -> ServerResponse<Echo> in
                    var iterator = request.messages.makeAsyncIterator()
                    _ = try await iterator.next()
                    throw RPCError(code: .failedPrecondition, message: "one is enough")
                }
            }
        ) { client in
            let request = StreamingClientRequest<Echo> { writer in
                // Endless: only the stream ending can stop it.
                while true { try await writer.write(Echo("more")) }
            }
            let error = await rpcError {
                _ = try await client.clientStreaming(
                    request: request, descriptor: Methods.clientStreaming, responseType: Echo.self)
            }
            #expect(error?.code == .failedPrecondition)
        }
    }

    @Test("a request producer throwing cancels the call and its error is rethrown")
    func producerFailureCancelsCall() async throws {
        struct ProducerGaveUp: Error {}
        let (started, startedSink) = AsyncStream.makeStream(of: Void.self)
        let (events, eventSink) = AsyncStream.makeStream(of: String.self)
        try await withServer({ router in
            router.registerClientStreaming(Methods.clientStreaming) {
                (request: StreamingServerRequest<Echo>, _) -> ServerResponse<Echo> in
                startedSink.yield()
                do {
                    for try await _ in request.messages {}
                } catch {
                    eventSink.yield("request stream failed: \((error as? RPCError)?.code.name ?? "\(error)")")
                    throw error
                }
                return ServerResponse(message: Echo())
            }
        }) { client in
            let request = StreamingClientRequest<Echo> { writer in
                try await writer.write(Echo("one"))
                // Fail only once the handler runs, so the reset must reach a running handler.
                var iterator = started.makeAsyncIterator()
                await iterator.next()
                throw ProducerGaveUp()
            }
            await #expect(throws: ProducerGaveUp.self) {
                _ = try await client.clientStreaming(
                    request: request, descriptor: Methods.clientStreaming, responseType: Echo.self)
            }
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == "request stream failed: CANCELLED")
        }
    }
}

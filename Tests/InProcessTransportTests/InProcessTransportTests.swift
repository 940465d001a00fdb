import Synchronization
import Testing
import RPCCore
import InProcessTransport

@Suite("in-process transport")
struct InProcessTransportTests {
    static let method = MethodDescriptor(service: "t.S", method: "M")

    /// Runs a listening server transport whose handler is `handler`, and a client transport
    /// to it, around `body`; shuts both down afterwards.
    func withTransports(
        bufferCapacity: Int = 4, maxReceiveMessageSize: Int = 1024,
        handler:
            @escaping @Sendable (RPCStream<InProcessRequestParts, InProcessResponseWriter>, ServerContext) async -> Void,
        _ body: (InProcessClientTransport) async throws -> Void
    ) async throws {
        let server = InProcessServerTransport(maxReceiveMessageSize: maxReceiveMessageSize)
        let client = InProcessClientTransport(server: server, bufferCapacity: bufferCapacity)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.listen(handler) }
            group.addTask { try await client.run() }
            let outcome: Result<Void, any Error>
            do {
                try await body(client)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            client.beginGracefulShutdown()
            server.beginGracefulShutdown()
            try await group.waitForAll()
            try outcome.get()
        }
    }

    /// A handler echoing every request message back, then OK.
    static let echo:
        @Sendable (RPCStream<InProcessRequestParts, InProcessResponseWriter>, ServerContext) async -> Void = {
            stream, _ in
            do {
                try await stream.outbound.write(.metadata(["h": "1"]))
                for try await part in stream.inbound {
                    if case .message(let bytes) = part { try await stream.outbound.write(.message(bytes)) }
                }
                try await stream.outbound.write(.status(.ok, ["t": "2"]))
            } catch {
                try? await stream.outbound.write(.status((error as? RPCError)?.status ?? Status(code: .unknown), [:]))
            }
        }

    @Test("parts flow in order both ways and the response ends with one status")
    func partsInOrder() async throws {
        // Room for every part: the client only reads after writing all of its parts.
        try await withTransports(bufferCapacity: 16, handler: Self.echo) { client in
            let parts = try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                try await stream.outbound.write(.metadata([:]))
                for byte in UInt8(0)..<10 { try await stream.outbound.write(.message([byte])) }
                await stream.outbound.finish()
                var parts: [ResponsePart] = []
                for try await part in stream.inbound { parts.append(part) }
                return parts
            }
            #expect(
                parts == [.metadata(["h": "1"])] + (UInt8(0)..<10).map { .message([$0]) } + [.status(.ok, ["t": "2"])])
        }
    }

    @Test("a writer suspends while the peer's buffer is full, and resumes when it reads")
    func backpressure() async throws {
        let (gate, opener) = AsyncStream.makeStream(of: Void.self)
        try await withTransports(
            bufferCapacity: 2,
            handler: { stream, _ in
                var gateIterator = gate.makeAsyncIterator()
                await gateIterator.next()
                await drain(stream.inbound)
                try? await stream.outbound.write(.status(.ok, [:]))
            }
        ) { client in
            try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                let written = Counter()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for byte in UInt8(0)..<6 {
                            try await stream.outbound.write(.message([byte]))
                            written.value.add(1, ordering: .relaxed)
                        }
                        await stream.outbound.finish()
                    }
                    try await Task.sleep(for: .milliseconds(100))
                    // The server reads nothing yet: only the buffer's capacity got through.
                    #expect(written.value.load(ordering: .relaxed) == 2)
                    opener.yield()
                    try await group.waitForAll()
                    #expect(written.value.load(ordering: .relaxed) == 6)
                }
                for try await _ in stream.inbound {}
            }
        }
    }

    @Test(
        "leaving the stream scope before the status resets it: the server's inbound fails with CANCELLED and its task is cancelled"
    )
    func clientResetReachesServer() async throws {
        let (started, startedSink) = AsyncStream.makeStream(of: Void.self)
        let (events, sink) = AsyncStream.makeStream(of: String.self)
        try await withTransports(handler: { stream, _ in
            startedSink.yield()
            do {
                for try await _ in stream.inbound {}
                sink.yield("ended")
            } catch {
                sink.yield("\(code(of: error)?.name ?? "?") cancelled=\(Task.isCancelled)")
            }
        }) { client in
            try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                try await stream.outbound.write(.metadata([:]))
                // Leave only once the handler runs, so the reset must reach a running handler.
                for await _ in started { break }
            }
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == "CANCELLED cancelled=true")
        }
    }

    @Test("a cancelled reader's iteration throws CANCELLED")
    func readerCancellation() async throws {
        try await withTransports(handler: { stream, _ in
            await drain(stream.inbound)
        }) { client in
            try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                let reader = Task {
                    do {
                        for try await _ in stream.inbound {}
                        return StatusCode?.some(.ok)
                    } catch {
                        return code(of: error)
                    }
                }
                reader.cancel()
                #expect(await reader.value == .cancelled)
            }
        }
    }

    @Test("a handler returning without a status ends the stream with INTERNAL")
    func handlerWithoutStatus() async throws {
        try await withTransports(handler: { _, _ in }) { client in
            let last = try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                var last: ResponsePart?
                for try await part in stream.inbound { last = part }
                return last
            }
            #expect(last?.statusCode == .internal)
        }
    }

    @Test("a response message over the client's limit ends the stream with RESOURCE_EXHAUSTED")
    func clientReceiveLimit() async throws {
        try await withTransports(handler: Self.echo) { client in
            let parts = try await client.withStream(
                descriptor: Self.method, options: CallOptions(maxReceiveMessageSize: 3)
            ) { stream in
                try await stream.outbound.write(.metadata([:]))
                try await stream.outbound.write(.message([1, 2, 3, 4]))
                await stream.outbound.finish()
                var parts: [ResponsePart] = []
                for try await part in stream.inbound { parts.append(part) }
                return parts
            }
            #expect(parts.count == 2)
            #expect(parts.last?.statusCode == .resourceExhausted)
        }
    }

    @Test("a request message over the server's limit fails its inbound with RESOURCE_EXHAUSTED")
    func serverReceiveLimit() async throws {
        try await withTransports(maxReceiveMessageSize: 3, handler: Self.echo) { client in
            let last = try await client.withStream(descriptor: Self.method, options: CallOptions()) { stream in
                try await stream.outbound.write(.metadata([:]))
                try await stream.outbound.write(.message([1, 2, 3, 4]))
                await stream.outbound.finish()
                var last: ResponsePart?
                for try await part in stream.inbound { last = part }
                return last
            }
            #expect(last?.statusCode == .resourceExhausted)
        }
    }

    @Test("the deadline from the call options reaches the server context")
    func deadlineReachesServer() async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        try await withTransports(handler: { stream, context in
            let same = context.deadline == deadline && context.descriptor == Self.method
            try? await stream.outbound.write(.status(Status(code: same ? .ok : .internal), [:]))
        }) { client in
            let last = try await client.withStream(descriptor: Self.method, options: CallOptions(deadline: deadline)) {
                stream in
                var last: ResponsePart?
                for try await part in stream.inbound { last = part }
                return last
            }
            #expect(last?.statusCode == .ok)
        }
    }

    @Test("after shutdown, opening a stream is UNAVAILABLE, and connect and listen return")
    func shutdown() async throws {
        let server = InProcessServerTransport()
        let client = InProcessClientTransport(server: server)
        client.beginGracefulShutdown()
        try await client.run()
        await #expect(throws: RPCError.self) {
            try await client.withStream(descriptor: Self.method, options: CallOptions()) { _ in }
        }
        server.beginGracefulShutdown()
        try await server.listen { _, _ in }
        let other = InProcessClientTransport(server: server)
        let error = await #expect(throws: RPCError.self) {
            try await other.withStream(descriptor: Self.method, options: CallOptions()) { _ in }
        }
        #expect(error?.code == .unavailable)
    }
}

/// A counter shared between tasks.
final class Counter: Sendable {
    let value = Atomic(0)
}

/// Reads parts until the end, ignoring how it ends.
func drain(_ parts: InProcessRequestParts) async {
    do {
        for try await _ in parts {}
    } catch {}
}

/// The status code of an ``RPCError``.
func code(of error: any Error) -> StatusCode? {
    (error as? RPCError)?.code
}

extension ResponsePart {
    var statusCode: StatusCode? {
        if case .status(let status, _) = self { return status.code }
        return nil
    }
}

import InProcessTransport
import RPCCore
import Testing

@Suite("client and server interceptors, in process")
struct InterceptorTests {
    /// Registers a unary and a server-streaming echo that log the chains they were called
    /// through; a request text of "missing" makes the unary one fail with NOT_FOUND.
    static func registerLoggingEcho(_ log: CallLog) -> (inout Router) -> Void {
        { router in
            router.registerUnary(Methods.unary) { (request: ServerRequest<Echo>, _) in
                log.record(
                    "handler: \(request.metadata.chain("x-client-chain")) \(request.metadata.chain("x-server-chain"))")
                guard request.message.text != "missing" else {
                    throw RPCError(code: .notFound, message: "no such echo")
                }
                return ServerResponse(message: Echo(request.message.text), metadata: ["x-handler": "h"])
            }
            router.registerServerStreaming(Methods.serverStreaming) { (request: ServerRequest<Echo>, _) in
                log.record(
                    "handler: \(request.metadata.chain("x-client-chain")) \(request.metadata.chain("x-server-chain"))")
                return StreamingServerResponse<Echo> { writer in
                    for index in 0..<request.message.number { try await writer.write(Echo("s", number: index)) }
                    return [:]
                }
            }
        }
    }

    @Test("interceptors run as ordered chains (first outermost); metadata each adds reaches the other side")
    func orderedChainsCarryMetadata() async throws {
        let log = CallLog()
        try await withServer(
            clientInterceptors: [
                .init(TaggingClientInterceptor(name: "A", log: log)),
                .init(TaggingClientInterceptor(name: "B", log: log)),
            ],
            serverInterceptors: [
                .init(TaggingServerInterceptor(name: "X", log: log)),
                .init(TaggingServerInterceptor(name: "Y", log: log)),
            ],
            Self.registerLoggingEcho(log)
        ) { client in
            let response = try await client.unary(
                request: ClientRequest(message: Echo("hi")), descriptor: Methods.unary, responseType: Echo.self)
            #expect(response.message.text == "hi")
            #expect(response.metadata.values(forKey: "x-server-header") == ["Y", "X"])
            #expect(response.metadata.firstString(forKey: "x-handler") == "h")
            #expect(response.trailingMetadata.values(forKey: "x-server-trailer") == ["Y", "X"])
            #expect(response.trailingMetadata.values(forKey: "x-seen-by") == ["B", "A"])
        }
        #expect(
            log.entries == [
                "client A in", "client B in", "server X in", "server Y in",
                "handler: A,B X,Y",
                "server Y out", "server X out", "client B out: Y", "client A out: Y",
            ])
    }

    @Test("a client interceptor ends a call with its own status before any stream is opened")
    func clientInterceptorEndsCallEarly() async throws {
        let log = CallLog()
        let refusal = RPCError(code: .resourceExhausted, message: "local quota used up")
        try await withServer(
            clientInterceptors: [
                .init(TaggingClientInterceptor(name: "A", log: log)), .init(RefusingClientInterceptor(error: refusal)),
            ],
            serverInterceptors: [.init(TaggingServerInterceptor(name: "X", log: log))],
            Self.registerLoggingEcho(log)
        ) { client in
            let unary = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo("hi")), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(unary?.code == .resourceExhausted)
            #expect(unary?.message == "local quota used up")
            let streaming = await rpcError {
                try await client.serverStreaming(
                    request: ClientRequest(message: Echo("s", number: 3)), descriptor: Methods.serverStreaming,
                    responseType: Echo.self
                ) { response in for try await _ in response.messages {} }
            }
            #expect(streaming?.code == .resourceExhausted)
        }
        #expect(
            log.entries == [
                "client A in", "client A failed: \(StatusCode.resourceExhausted)",
                "client A in", "client A failed: \(StatusCode.resourceExhausted)",
            ])
    }

    @Test("a server interceptor refuses a call without running the handler, and rewrites a handler's status")
    func serverInterceptorRefusesAndRewrites() async throws {
        let log = CallLog()
        try await withServer(serverInterceptors: [.init(BearerTokenInterceptor())], Self.registerLoggingEcho(log)) {
            client in
            let refused = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo("hi")), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(refused?.code == .unauthenticated)
            #expect(refused?.message == "no valid token from in-process")
            #expect(log.entries.isEmpty)

            let token: Metadata = ["authorization": "Bearer secret"]
            let accepted = try await client.unary(
                request: ClientRequest(message: Echo("hi"), metadata: token), descriptor: Methods.unary,
                responseType: Echo.self)
            #expect(accepted.message.text == "hi")
            let rewritten = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo("missing"), metadata: token), descriptor: Methods.unary,
                    responseType: Echo.self)
            }
            #expect(rewritten?.code == .permissionDenied)
            #expect(rewritten?.message == "hidden: no such echo")
        }
        #expect(log.entries.count == 2)
    }

    @Test("interceptors run around streaming calls: request metadata, response headers and trailers")
    func streamingCallsAreIntercepted() async throws {
        let log = CallLog()
        try await withServer(
            clientInterceptors: [.init(TaggingClientInterceptor(name: "A", log: log))],
            serverInterceptors: [.init(TaggingServerInterceptor(name: "X", log: log))],
            Self.registerLoggingEcho(log)
        ) { client in
            let (count, headers, trailers) = try await client.serverStreaming(
                request: ClientRequest(message: Echo("s", number: 4)), descriptor: Methods.serverStreaming,
                responseType: Echo.self
            ) { response in
                var count = 0
                for try await _ in response.messages { count += 1 }
                return (count, response.metadata, response.trailingMetadata)
            }
            #expect(count == 4)
            #expect(headers.values(forKey: "x-server-header") == ["X"])
            #expect(trailers.values(forKey: "x-server-trailer") == ["X"])
        }
        #expect(log.entries == ["client A in", "server X in", "handler: A X", "server X out", "client A out: X"])
    }

    @Test("a client interceptor sees the status a call failed with")
    func clientInterceptorSeesFailure() async throws {
        let log = CallLog()
        try await withServer(
            clientInterceptors: [.init(TaggingClientInterceptor(name: "A", log: log))], Self.registerLoggingEcho(log)
        ) { client in
            let failed = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo("missing")), descriptor: Methods.unary, responseType: Echo.self
                )
            }
            #expect(failed?.code == .notFound)
        }
        #expect(log.entries == ["client A in", "handler: A -", "client A failed: \(StatusCode.notFound)"])
    }

    @Test("a scoped interceptor runs only for the methods or services in its scope")
    func scopesSelectMethods() async throws {
        let log = CallLog()
        try await withServer(
            clientInterceptors: [
                .init(TaggingClientInterceptor(name: "A", log: log), scope: .methods([Methods.unary]))
            ],
            serverInterceptors: [
                .init(TaggingServerInterceptor(name: "X", log: log), scope: .services([Methods.unary.service])),
                .init(TaggingServerInterceptor(name: "Z", log: log), scope: .services(["rpctest.OtherService"])),
            ],
            Self.registerLoggingEcho(log)
        ) { client in
            _ = try await client.unary(
                request: ClientRequest(message: Echo("hi")), descriptor: Methods.unary, responseType: Echo.self)
            try await client.serverStreaming(
                request: ClientRequest(message: Echo("s", number: 1)), descriptor: Methods.serverStreaming,
                responseType: Echo.self
            ) { response in for try await _ in response.messages {} }
        }
        #expect(
            log.entries == [
                "client A in", "server X in", "handler: A X", "server X out", "client A out: X",
                "server X in", "handler: - X", "server X out",
            ])
    }

    @Test("client-streaming and bidirectional calls run through both chains too")
    func clientAndBidirectionalStreamingAreIntercepted() async throws {
        let log = CallLog()
        try await withServer(
            clientInterceptors: [.init(TaggingClientInterceptor(name: "A", log: log))],
            serverInterceptors: [.init(TaggingServerInterceptor(name: "X", log: log))],
            CallKindsTests.registerEcho
        ) { client in
            let collected = try await client.clientStreaming(
                request: StreamingClientRequest(messages: [Echo("a", number: 1), Echo("b", number: 2)]),
                descriptor: Methods.clientStreaming, responseType: Echo.self)
            #expect(collected.message == Echo("a,b", number: 3))
            #expect(collected.metadata.values(forKey: "x-server-header") == ["X"])
            #expect(collected.trailingMetadata.values(forKey: "x-server-trailer") == ["X"])
            let echoed = try await client.bidirectionalStreaming(
                request: StreamingClientRequest(messages: [Echo("x"), Echo("y")]), descriptor: Methods.bidirectional,
                responseType: Echo.self
            ) { response in
                var texts: [String] = []
                for try await message in response.messages { texts.append(message.text) }
                return texts
            }
            #expect(echoed == ["X", "Y"])
        }
        let oneCall = ["client A in", "server X in", "server X out", "client A out: X"]
        #expect(log.entries == oneCall + oneCall)
    }
}

import Testing
import RPCCore
import InProcessTransport

@Suite("status mapping of calls")
struct StatusMappingTests {
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "database password is hunter2" }
    }

    @Test("a thrown RPCError reaches the client with its code, message and trailing metadata")
    func rpcErrorPassesThrough() async throws {
        try await withServer({ router in
            router.registerUnary(Methods.unary) { (_: ServerRequest<Echo>, _) -> ServerResponse<Echo> in
                throw RPCError(code: .notFound, message: "no echo 7", metadata: ["x-reason": "gone"])
            }
        }) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .notFound)
            #expect(error?.message == "no echo 7")
            #expect(error?.metadata == ["x-reason": "gone"])
        }
    }

    @Test("any other thrown error is UNKNOWN without leaking its description")
    func otherErrorsAreUnknownWithoutInternals() async throws {
        try await withServer({ router in
            router.registerUnary(Methods.unary) { (_: ServerRequest<Echo>, _) -> ServerResponse<Echo> in
                throw SecretFailure()
            }
        }) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .unknown)
            #expect(error?.message.contains("hunter2") == false)
        }
    }

    @Test("an unknown method of a known service is UNIMPLEMENTED")
    func unknownMethodIsUnimplemented() async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let missing = MethodDescriptor(service: Methods.unary.service, method: "Missing")
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: missing, responseType: Echo.self)
            }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("Missing") == true)
        }
    }

    @Test("an unknown service is UNIMPLEMENTED")
    func unknownServiceIsUnimplemented() async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let missing = MethodDescriptor(service: "rpctest.Nope", method: "Get")
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: missing, responseType: Echo.self)
            }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("rpctest.Nope") == true)
        }
    }

    @Test("a response that does not decode is INTERNAL")
    func undecodableResponseIsInternal() async throws {
        try await withServer({ router in
            router.registerUnary(Methods.unary) { (_: ServerRequest<Echo>, _) in ServerResponse(message: Garbage()) }
        }) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .internal)
        }
    }

    @Test("a request that does not decode is INTERNAL")
    func undecodableRequestIsInternal() async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Garbage()), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .internal)
        }
    }

    @Test("reserved keys in request metadata fail the call locally with INTERNAL")
    func reservedRequestMetadataRejected() async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo(), metadata: ["grpc-timeout": "1S"]),
                    descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .internal)
        }
    }

    @Test("a response over the client's receive limit is RESOURCE_EXHAUSTED")
    func responseOverLimit() async throws {
        try await withServer(CallKindsTests.registerEcho) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo(String(repeating: "x", count: 100))),
                    descriptor: Methods.unary,
                    responseType: Echo.self, options: CallOptions(maxReceiveMessageSize: 50))
            }
            #expect(error?.code == .resourceExhausted)
        }
    }

    @Test("a request over the server's receive limit is RESOURCE_EXHAUSTED")
    func requestOverLimit() async throws {
        try await withServer(maxReceiveMessageSize: 50, CallKindsTests.registerEcho) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo(String(repeating: "x", count: 100))),
                    descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .resourceExhausted)
        }
    }

    @Test("a streaming handler failing after some messages ends the stream with its status")
    func streamingFailureAfterMessages() async throws {
        try await withServer({ router in
            router.registerServerStreaming(Methods.serverStreaming) { (_: ServerRequest<Echo>, _) in
                StreamingServerResponse<Echo> { writer in
                    try await writer.write(Echo("one"))
                    throw RPCError(code: .aborted, message: "stop")
                }
            }
        }) { client in
            let error = await rpcError {
                try await client.serverStreaming(
                    request: ClientRequest(message: Echo()), descriptor: Methods.serverStreaming,
                    responseType: Echo.self
                ) { response in
                    var texts: [String] = []
                    do {
                        for try await message in response.messages { texts.append(message.text) }
                    } catch {
                        #expect(texts == ["one"])
                        throw error
                    }
                }
            }
            #expect(error?.code == .aborted)
        }
    }
}

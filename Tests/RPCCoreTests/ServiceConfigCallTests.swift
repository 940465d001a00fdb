import Testing
import RPCCore
import InProcessTransport
import Synchronization

@Suite("a service config's method configs applied to calls, in process")
struct ServiceConfigCallTests {
    static func config(
        _ name: MethodConfig.Name, timeout: Duration? = nil, maxRequest: Int? = nil, maxResponse: Int? = nil
    ) throws -> ServiceConfig {
        try ServiceConfig(methodConfigs: [
            MethodConfig(
                names: [name], timeout: timeout, maxRequestMessageBytes: maxRequest,
                maxResponseMessageBytes: maxResponse)
        ])
    }

    /// Counts the requests the echo handlers receive.
    final class Received: Sendable {
        let count = Atomic(0)
    }

    static func registerEcho(_ router: inout Router, received: Received) {
        router.registerUnary(Methods.unary) { (request: ServerRequest<Echo>, _) in
            received.count.add(1, ordering: .relaxed)
            return ServerResponse(message: Echo(request.message.text))
        }
        router.registerBidirectionalStreaming(Methods.bidirectional) { (request: StreamingServerRequest<Echo>, _) in
            StreamingServerResponse<Echo> { writer in
                for try await message in request.messages {
                    received.count.add(1, ordering: .relaxed)
                    try await writer.write(message)
                }
                return [:]
            }
        }
    }

    @Test("applying a method config: the shorter timeout, wait-for-ready if asked, the smaller response limit")
    func applyingToOptions() throws {
        let config = MethodConfig(
            names: [], timeout: .seconds(2), waitForReady: true, maxResponseMessageBytes: 1000)
        let fromConfig = CallOptions().applying(config)
        #expect(fromConfig.timeout == .seconds(2))
        #expect(fromConfig.waitForReady)
        #expect(fromConfig.maxReceiveMessageSize == 1000)
        let shorterCall = CallOptions(timeout: .seconds(1), maxReceiveMessageSize: 10).applying(config)
        #expect(shorterCall.timeout == .seconds(1))
        #expect(shorterCall.maxReceiveMessageSize == 10)
        #expect(CallOptions().applying(MethodConfig(names: [])) == CallOptions())
    }

    @Test("a config's timeout shorter than the call's ends the call with DEADLINE_EXCEEDED")
    func configTimeout() async throws {
        let (_, sink) = AsyncStream.makeStream(of: String.self)
        let config = try Self.config(try .init(service: "rpctest.EchoService"), timeout: .milliseconds(200))
        try await withServer(
            serviceConfig: config, { DeadlineAndCancellationTests.registerBlocking(&$0, events: sink) }
        ) {
            client in
            let start = ContinuousClock.now
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo()), descriptor: Methods.unary, responseType: Echo.self,
                    options: CallOptions(timeout: .seconds(60)))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(start.duration(to: .now) < .seconds(10))
        }
    }

    @Test("a unary request over maxRequestMessageBytes fails RESOURCE_EXHAUSTED and never reaches the server")
    func unaryRequestTooLarge() async throws {
        let received = Received()
        let config = try Self.config(try .init(service: "rpctest.EchoService", method: "Get"), maxRequest: 16)
        try await withServer(serviceConfig: config, { Self.registerEcho(&$0, received: received) }) { client in
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo(String(repeating: "x", count: 100))),
                    descriptor: Methods.unary,
                    responseType: Echo.self)
            }
            #expect(error?.code == .resourceExhausted)
            let small = try await client.unary(
                request: ClientRequest(message: Echo("ok")), descriptor: Methods.unary, responseType: Echo.self)
            #expect(small.message.text == "ok")
        }
        #expect(received.count.load(ordering: .relaxed) == 1)
    }

    @Test("a streamed request message over maxRequestMessageBytes fails the call without being sent")
    func streamedRequestTooLarge() async throws {
        let received = Received()
        let config = try Self.config(try .init(service: "rpctest.EchoService"), maxRequest: 16)
        try await withServer(serviceConfig: config, { Self.registerEcho(&$0, received: received) }) { client in
            let error = await rpcError {
                _ = try await client.bidirectionalStreaming(
                    request: StreamingClientRequest<Echo> { writer in
                        try await writer.write(Echo("small"))
                        try await writer.write(Echo(String(repeating: "x", count: 100)))
                    }, descriptor: Methods.bidirectional, responseType: Echo.self
                ) { response in
                    for try await _ in response.messages {}
                }
            }
            #expect(error?.code == .resourceExhausted)
        }
        #expect(received.count.load(ordering: .relaxed) <= 1)
    }

    @Test("a response over maxResponseMessageBytes fails RESOURCE_EXHAUSTED; other methods keep the default")
    func responseTooLarge() async throws {
        let received = Received()
        let config = try Self.config(try .init(service: "rpctest.EchoService", method: "Get"), maxResponse: 16)
        try await withServer(serviceConfig: config, { Self.registerEcho(&$0, received: received) }) { client in
            let large = String(repeating: "x", count: 100)
            let error = await rpcError {
                _ = try await client.unary(
                    request: ClientRequest(message: Echo(large)), descriptor: Methods.unary, responseType: Echo.self)
            }
            #expect(error?.code == .resourceExhausted)
            let echoed = try await client.bidirectionalStreaming(
                request: StreamingClientRequest<Echo> { writer in try await writer.write(Echo(large)) },
                descriptor: Methods.bidirectional, responseType: Echo.self
            ) { response in
                var texts: [String] = []
                for try await message in response.messages { texts.append(message.text) }
                return texts
            }
            #expect(echoed == [large])
        }
    }
}

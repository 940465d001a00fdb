import Testing
import RPCCore
import InProcessTransport

@Suite("the four kinds of call, in process")
struct CallKindsTests {
    static func registerEcho(_ router: inout Router) {
        router.registerUnary(Methods.unary) { (request: ServerRequest<Echo>, _) in
            var trailers = Metadata()
            trailers.append(request.metadata.firstString(forKey: "x-id") ?? "none", forKey: "x-echoed-id")
            trailers.append([1, 2, 0xFF], forKey: "x-trailer-bin")
            return ServerResponse(
                message: Echo("echo: " + request.message.text), metadata: ["x-header": "h"], trailingMetadata: trailers)
        }
        router.registerServerStreaming(Methods.serverStreaming) { (request: ServerRequest<Echo>, _) in
            StreamingServerResponse<Echo>(metadata: ["x-header": "s"]) { writer in
                for index in 0..<request.message.number {
                    try await writer.write(Echo(request.message.text, number: index))
                }
                return ["x-count": "\(request.message.number)"]
            }
        }
        router.registerClientStreaming(Methods.clientStreaming) { (request: StreamingServerRequest<Echo>, _) in
            var sum: Int64 = 0
            var texts: [String] = []
            for try await message in request.messages {
                sum += message.number
                texts.append(message.text)
            }
            return ServerResponse(message: Echo(texts.joined(separator: ","), number: sum))
        }
        router.registerBidirectionalStreaming(Methods.bidirectional) { (request: StreamingServerRequest<Echo>, _) in
            StreamingServerResponse<Echo> { writer in
                for try await message in request.messages {
                    try await writer.write(Echo(message.text.uppercased(), number: message.number))
                }
                return [:]
            }
        }
    }

    @Test("unary: request metadata reaches the handler; response headers and trailers reach the client")
    func unaryWithMetadata() async throws {
        try await withServer(Self.registerEcho) { client in
            let response = try await client.unary(
                request: ClientRequest(message: Echo("hi"), metadata: ["x-id": "42"]), descriptor: Methods.unary,
                responseType: Echo.self)
            #expect(response.message.text == "echo: hi")
            #expect(response.metadata == ["x-header": "h"])
            #expect(response.trailingMetadata == ["x-echoed-id": "42", "x-trailer-bin": .binary([1, 2, 0xFF])])
        }
    }

    @Test("server streaming: every message in order, then the trailers")
    func serverStreaming() async throws {
        try await withServer(Self.registerEcho) { client in
            let (texts, header, trailers) = try await client.serverStreaming(
                request: ClientRequest(message: Echo("m", number: 50)), descriptor: Methods.serverStreaming,
                responseType: Echo.self
            ) { response in
                var numbers: [Int64] = []
                for try await message in response.messages { numbers.append(message.number) }
                return (numbers, response.metadata, response.trailingMetadata)
            }
            #expect(texts == Array(0..<50))
            #expect(header == ["x-header": "s"])
            #expect(trailers == ["x-count": "50"])
        }
    }

    @Test("client streaming: every request message reaches the handler, one response comes back")
    func clientStreaming() async throws {
        try await withServer(Self.registerEcho) { client in
            let request = StreamingClientRequest(messages: (1...40).map { Echo("n\($0)", number: Int64($0)) })
            let response = try await client.clientStreaming(
                request: request, descriptor: Methods.clientStreaming, responseType: Echo.self)
            #expect(response.message.number == 820)
            #expect(response.message.text.hasPrefix("n1,n2,"))
        }
    }

    @Test("bidirectional streaming: responses interleave with requests")
    func bidirectional() async throws {
        try await withServer(Self.registerEcho) { client in
            let (requests, requestWriter) = AsyncStream.makeStream(of: Echo.self)
            let request = StreamingClientRequest<Echo> { writer in
                for await message in requests { try await writer.write(message) }
            }
            let received = try await client.bidirectionalStreaming(
                request: request, descriptor: Methods.bidirectional, responseType: Echo.self
            ) { response in
                var received: [String] = []
                var iterator = response.messages.makeAsyncIterator()
                for word in ["a", "b", "c"] {
                    // Each response must arrive before the next request is even written.
                    requestWriter.yield(Echo(word))
                    if let reply = try await iterator.next() { received.append(reply.text) }
                }
                requestWriter.finish()
                #expect(try await iterator.next() == nil)
                return received
            }
            #expect(received == ["A", "B", "C"])
        }
    }

    @Test("a server stream without messages ends OK with no messages")
    func emptyServerStream() async throws {
        try await withServer({ router in
            router.registerServerStreaming(Methods.serverStreaming) {
                (_: ServerRequest<Echo>, _) -> StreamingServerResponse<Echo> in
                StreamingServerResponse { _ in [:] }
            }
        }) { client in
            let count = try await client.serverStreaming(
                request: ClientRequest(message: Echo()), descriptor: Methods.serverStreaming, responseType: Echo.self
            ) { response in
                var count = 0
                for try await _ in response.messages { count += 1 }
                return count
            }
            #expect(count == 0)
        }
    }
}

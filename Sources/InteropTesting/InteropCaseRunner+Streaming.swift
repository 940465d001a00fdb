import RPCCore

extension InteropCaseRunner {
    /// The request payload sizes of client_streaming and ping_pong.
    static var requestSizes: [Int] { [27_182, 8, 1_828, 45_904] }
    /// The response payload sizes of server_streaming and ping_pong.
    static var responseSizes: [Int] { [31_415, 9, 2_653, 58_979] }

    func clientStreaming() async throws {
        let requests = Self.requestSizes.map { Grpc_Testing_StreamingInputCallRequest(payload: .zeros($0)) }
        let response = try await service.streamingInputCall(StreamingClientRequest(messages: requests))
        let total = response.message.aggregatedPayloadSize
        try expect(total == 74_922, "aggregated_payload_size is \(total), expected 74922")
    }

    func serverStreaming() async throws {
        let request = Grpc_Testing_StreamingOutputCallRequest(
            responseParameters: Self.responseSizes.map { Grpc_Testing_ResponseParameters(size: Int32($0)) })
        let payloads = try await service.streamingOutputCall(ClientRequest(message: request)) { response in
            var payloads: [Grpc_Testing_Payload] = []
            for try await message in response.messages { payloads.append(message.payload ?? Grpc_Testing_Payload()) }
            return payloads
        }
        try expectZeroPayloads(payloads, sized: Self.responseSizes)
    }

    func pingPong() async throws {
        let (replies, replied) = AsyncStream<Void>.makeStream()
        let requests = zip(Self.requestSizes, Self.responseSizes).map { requestSize, responseSize in
            Grpc_Testing_StreamingOutputCallRequest(
                responseParameters: [Grpc_Testing_ResponseParameters(size: Int32(responseSize))],
                payload: .zeros(requestSize))
        }
        // Each request goes out only once the response to the previous one arrived; the
        // request stream ends after the last response.
        let producer: @Sendable (RPCWriter<Grpc_Testing_StreamingOutputCallRequest>) async throws -> Void = { writer in
            var signals = replies.makeAsyncIterator()
            for request in requests {
                try await writer.write(request)
                guard await signals.next() != nil else { return }
            }
        }
        let payloads = try await service.fullDuplexCall(StreamingClientRequest(producer: producer)) { response in
            var payloads: [Grpc_Testing_Payload] = []
            for try await message in response.messages {
                payloads.append(message.payload ?? Grpc_Testing_Payload())
                replied.yield()
            }
            replied.finish()
            return payloads
        }
        try expectZeroPayloads(payloads, sized: Self.responseSizes)
    }

    func emptyStream() async throws {
        let count = try await service.fullDuplexCall(StreamingClientRequest(messages: [])) { response in
            var count = 0
            for try await _ in response.messages { count += 1 }
            return count
        }
        try expect(count == 0, "the server sent \(count) responses to an empty stream, expected none")
    }

    /// Checks that `payloads` are zeros of exactly the sizes `sizes`, in order.
    func expectZeroPayloads(_ payloads: [Grpc_Testing_Payload], sized sizes: [Int]) throws {
        let received = payloads.map(\.body.count)
        try expect(received == sizes, "the responses have payload sizes \(received), expected \(sizes)")
        try expect(payloads.allSatisfy { $0.body.allSatisfy { $0 == 0 } }, "a response payload is not all zeros")
    }
}

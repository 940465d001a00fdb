import RPCCore

/// The compression cases: requests compressed with gzip per call and per message, responses
/// the server compresses on request, each checked through the compressed flag.
extension InteropCaseRunner {
    /// A unary request of 271828 zeros asking for 314159, expecting a compressed request or not.
    static func compressionProbe(expectCompressed: Bool) -> Grpc_Testing_SimpleRequest {
        var request = largeRequest
        request.expectCompressed = Grpc_Testing_BoolValue(value: expectCompressed)
        return request
    }

    func clientCompressedUnary() async throws {
        _ = try await expectStatus(.invalidArgument, "UnaryCall with an uncompressed request expected compressed") {
            _ = try await service.unaryCall(ClientRequest(message: Self.compressionProbe(expectCompressed: true)))
        }
        for compressed in [true, false] {
            let response = try await service.unaryCall(
                ClientRequest(message: Self.compressionProbe(expectCompressed: compressed)),
                options: CallOptions(compression: compressed ? .gzip : .identity))
            let body = response.message.payload?.body.count ?? -1
            try expect(
                response.message.payload?.isZeros(314_159) == true,
                "the response payload has \(body) bytes, not 314159 zeros")
        }
    }

    func serverCompressedUnary() async throws {
        for compressed in [true, false] {
            var request = Self.largeRequest
            request.responseCompressed = Grpc_Testing_BoolValue(value: compressed)
            let compression = CallCompression()
            let response = try await service.unaryCall(
                ClientRequest(message: request), options: CallOptions(messageCompression: compression))
            try expect(response.message.payload?.isZeros(314_159) == true, "the response payload is not 314159 zeros")
            try expect(
                compression.lastReceivedMessageWasCompressed == compressed,
                "response_compressed was \(compressed) but the response's compressed flag was \(!compressed)")
        }
    }

    func clientCompressedStreaming() async throws {
        let probe = Grpc_Testing_StreamingInputCallRequest(
            payload: .zeros(27_182), expectCompressed: Grpc_Testing_BoolValue(value: true))
        _ = try await expectStatus(
            .invalidArgument, "StreamingInputCall with an uncompressed request expected compressed"
        ) {
            _ = try await service.streamingInputCall(StreamingClientRequest(messages: [probe]))
        }
        let compression = CallCompression()
        let request = StreamingClientRequest<Grpc_Testing_StreamingInputCallRequest> { writer in
            try await writer.write(probe)
            compression.compressesMessages = false
            try await writer.write(
                Grpc_Testing_StreamingInputCallRequest(
                    payload: .zeros(45_904), expectCompressed: Grpc_Testing_BoolValue(value: false)))
        }
        let response = try await service.streamingInputCall(
            request, options: CallOptions(compression: .gzip, messageCompression: compression))
        let total = response.message.aggregatedPayloadSize
        try expect(total == 73_086, "aggregated_payload_size is \(total), expected 73086")
    }

    func serverCompressedStreaming() async throws {
        let sizes = [31_415, 92_653]
        let request = Grpc_Testing_StreamingOutputCallRequest(responseParameters: [
            Grpc_Testing_ResponseParameters(size: Int32(sizes[0]), compressed: Grpc_Testing_BoolValue(value: true)),
            Grpc_Testing_ResponseParameters(size: Int32(sizes[1]), compressed: Grpc_Testing_BoolValue(value: false)),
        ])
        let compression = CallCompression()
        let responses = try await service.streamingOutputCall(
            ClientRequest(message: request), options: CallOptions(messageCompression: compression)
        ) { response in
            var responses: [(Grpc_Testing_Payload, Bool)] = []
            for try await message in response.messages {
                responses.append(
                    (message.payload ?? Grpc_Testing_Payload(), compression.lastReceivedMessageWasCompressed))
            }
            return responses
        }
        try expectZeroPayloads(responses.map(\.0), sized: sizes)
        let flags = responses.map(\.1)
        try expect(flags == [true, false], "the responses' compressed flags were \(flags), expected [true, false]")
    }
}

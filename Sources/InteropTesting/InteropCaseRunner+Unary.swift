import RPCCore

extension InteropCaseRunner {
    /// The request of large_unary and custom_metadata: 271828 zeros, asking for 314159.
    static var largeRequest: Grpc_Testing_SimpleRequest {
        Grpc_Testing_SimpleRequest(responseSize: 314_159, payload: .zeros(271_828))
    }

    func emptyUnary() async throws {
        let response = try await service.emptyCall(ClientRequest(message: Grpc_Testing_Empty()))
        try expect(
            response.message == Grpc_Testing_Empty(), "the response is not an empty message: \(response.message)")
    }

    func largeUnary() async throws {
        let response = try await service.unaryCall(ClientRequest(message: Self.largeRequest))
        let body = response.message.payload?.body.count ?? -1
        try expect(
            response.message.payload?.isZeros(314_159) == true,
            "the response payload has \(body) bytes, not 314159 zeros")
    }

    func statusCodeAndMessage() async throws {
        let status = Grpc_Testing_EchoStatus(code: 2, message: "test status message")
        try await expectEchoed(status, "UnaryCall") {
            _ = try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest(responseStatus: status)))
        }
        try await expectEchoed(status, "FullDuplexCall") {
            let request = Grpc_Testing_StreamingOutputCallRequest(responseStatus: status)
            try await service.fullDuplexCall(StreamingClientRequest(messages: [request])) { response in
                for try await _ in response.messages {}
            }
        }
    }

    func specialStatusMessage() async throws {
        let status = Grpc_Testing_EchoStatus(
            code: 2, message: "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")
        try await expectEchoed(status, "UnaryCall") {
            _ = try await service.unaryCall(ClientRequest(message: Grpc_Testing_SimpleRequest(responseStatus: status)))
        }
    }

    func customMetadata() async throws {
        let value = "test_initial_metadata_value"
        let binary: [UInt8] = [0xAB, 0xAB, 0xAB]
        let metadata: Metadata = [
            EchoedMetadata.initialKey: .string(value), EchoedMetadata.trailingKey: .binary(binary),
        ]

        let unary = try await service.unaryCall(ClientRequest(message: Self.largeRequest, metadata: metadata))
        try expect(unary.message.payload?.isZeros(314_159) == true, "UnaryCall's payload is not 314159 zeros")
        try expectEchoes(headers: unary.metadata, trailers: unary.trailingMetadata, value, binary, "UnaryCall")

        let request = Grpc_Testing_StreamingOutputCallRequest(
            responseParameters: [Grpc_Testing_ResponseParameters(size: 314_159)], payload: .zeros(271_828))
        let (headers, trailers, sizes) = try await service.fullDuplexCall(
            StreamingClientRequest(messages: [request], metadata: metadata)
        ) { response in
            var sizes: [Int] = []
            for try await message in response.messages { sizes.append(message.payload?.body.count ?? -1) }
            return (response.metadata, response.trailingMetadata, sizes)
        }
        try expect(sizes == [314_159], "FullDuplexCall's responses have sizes \(sizes), expected [314159]")
        try expectEchoes(headers: headers, trailers: trailers, value, binary, "FullDuplexCall")
    }

    func unimplementedMethod() async throws {
        _ = try await expectStatus(.unimplemented, "TestService/UnimplementedCall") {
            _ = try await service.unimplementedCall(ClientRequest(message: Grpc_Testing_Empty()))
        }
    }

    func unimplementedService() async throws {
        _ = try await expectStatus(.unimplemented, "UnimplementedService/UnimplementedCall") {
            _ = try await unimplemented.unimplementedCall(ClientRequest(message: Grpc_Testing_Empty()))
        }
    }

    /// Checks that `call` ends with exactly the code and message of `status`.
    private func expectEchoed(
        _ status: Grpc_Testing_EchoStatus, _ what: String, _ call: () async throws -> Void
    ) async throws {
        let error = try await expectFailure(what, call)
        try expect(
            error.code.rawValue == Int(status.code) && error.message == status.message,
            "\(what) ended with code \(error.code.rawValue) and message \(error.message.debugDescription); "
                + "expected code \(status.code) and message \(status.message.debugDescription)")
    }

    /// Checks the echoed initial metadata in `headers` and the echoed binary value in `trailers`.
    private func expectEchoes(
        headers: Metadata, trailers: Metadata, _ value: String, _ binary: [UInt8], _ what: String
    ) throws {
        let initial = headers.firstString(forKey: EchoedMetadata.initialKey)
        try expect(
            initial == value,
            "\(what)'s response headers carry \(EchoedMetadata.initialKey)=\(initial ?? "nothing"), expected \(value)")
        let trailing = trailers.firstBinary(forKey: EchoedMetadata.trailingKey)
        try expect(
            trailing == binary,
            "\(what)'s trailers carry \(EchoedMetadata.trailingKey)=\(trailing.map { "\($0)" } ?? "nothing"), expected \(binary)"
        )
    }
}

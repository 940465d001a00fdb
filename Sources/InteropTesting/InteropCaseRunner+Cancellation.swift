import RPCCore

extension InteropCaseRunner {
    func timeoutOnSleepingServer() async throws {
        let request = Grpc_Testing_StreamingOutputCallRequest(payload: .zeros(27_182))
        _ = try await expectStatus(.deadlineExceeded, "FullDuplexCall with a 1 ms timeout") {
            try await service.fullDuplexCall(
                StreamingClientRequest { writer in
                    try await writer.write(request)
                    try await untilCancelled()
                },
                options: CallOptions(timeout: .milliseconds(1))
            ) { response in
                for try await _ in response.messages {}
            }
        }
    }

    func cancelAfterBegin() async throws {
        let (started, start) = AsyncStream<Void>.makeStream()
        let call = Task {
            _ = try await service.streamingInputCall(
                StreamingClientRequest<Grpc_Testing_StreamingInputCallRequest> { _ in
                    // The request headers have been written: cancel before any message.
                    start.yield()
                    try await untilCancelled()
                })
        }
        for await _ in started { break }
        call.cancel()
        _ = try await expectStatus(.cancelled, "StreamingInputCall cancelled after it began") {
            try await call.value
        }
    }

    func cancelAfterFirstResponse() async throws {
        let (firstResponse, received) = AsyncStream<Int>.makeStream()
        let request = Grpc_Testing_StreamingOutputCallRequest(
            responseParameters: [Grpc_Testing_ResponseParameters(size: 31_415)], payload: .zeros(27_182))
        let call = Task {
            try await service.fullDuplexCall(
                StreamingClientRequest { writer in
                    try await writer.write(request)
                    try await untilCancelled()
                }
            ) { response in
                for try await message in response.messages { received.yield(message.payload?.body.count ?? -1) }
            }
        }
        var sizes = firstResponse.makeAsyncIterator()
        let size = await sizes.next()
        call.cancel()
        try expect(
            size == 31_415, "the first response has \(size.map(String.init) ?? "no") payload bytes, expected 31415")
        _ = try await expectStatus(.cancelled, "FullDuplexCall cancelled after its first response") {
            try await call.value
        }
    }
}

/// Suspends until the current task is cancelled, then throws `CancellationError`: a request
/// producer keeping its stream open without sending more, and never half-closing it.
private func untilCancelled() async throws {
    while true {
        try await Task.sleep(for: .seconds(3600))
    }
}

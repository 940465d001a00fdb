import InProcessTransport
import RPCCore
import Testing

@Suite("cancelling the calling task", .timeLimit(.minutes(1)))
struct CallCancellationTests {
    @Test(
        "a bidirectional call whose request producer is waiting ends with CANCELLED when its task is cancelled",
        arguments: 0..<20)
    func waitingProducerEndsCancelled(iteration: Int) async throws {
        try await withServer({ router in
            CallKindsTests.registerEcho(&router)
        }) { client in
            let (firstResponse, received) = AsyncStream<Void>.makeStream()
            let call = Task {
                try await client.bidirectionalStreaming(
                    request: StreamingClientRequest<Echo> { writer in
                        try await writer.write(Echo("ping"))
                        // Waits with the request stream open until the task is cancelled.
                        while true { try await Task.sleep(for: .seconds(3600)) }
                    },
                    descriptor: Methods.bidirectional
                ) { (response: StreamingClientResponse<Echo>) in
                    for try await _ in response.messages { received.yield() }
                }
            }
            for await _ in firstResponse { break }
            call.cancel()
            let error = await rpcError { try await call.value }
            #expect(error?.code == .cancelled, "iteration \(iteration): \(String(describing: error))")
        }
    }
}

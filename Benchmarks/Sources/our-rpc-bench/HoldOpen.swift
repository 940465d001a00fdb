import HTTP2Transport
import OurBenchService
import RPCBenchSupport
import RPCCore

/// `idle-connections`: opens `--connections` connections (one call each), prints `connected`,
/// and holds them until a line arrives on standard input. `open-streams` then also opens
/// `--streams` bidi streams per connection (one echo each), prints `ready`, and holds them
/// until a second line.
func holdOpen(_ arguments: BenchArguments, host: String, port: Int) async throws {
    let connections = arguments.int("connections", default: 1000)
    let streams = arguments.mode == "open-streams" ? arguments.int("streams", default: 100) : 0
    let payload = Bench_Payload.benchFixture()
    let clients = (0..<connections).map { _ in
        RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: host, port: port)))
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for client in clients { group.addTask { try await client.run() } }
        try await withThrowingTaskGroup(of: Void.self) { calls in
            for client in clients {
                calls.addTask {
                    _ = try await Bench_BenchService.Client(wrapping: client).unary(ClientRequest(message: payload))
                }
            }
            try await calls.waitForAll()
        }
        FileDescriptorOutput.standardOutput.line("connected")
        _ = await nextInputLine()
        if streams > 0 {
            let (opened, open) = AsyncStream.makeStream(of: Void.self)
            let release = Task { _ = await nextInputLine() }
            for client in clients {
                for _ in 0..<streams {
                    group.addTask {
                        let request = StreamingClientRequest<Bench_Payload> { writer in
                            try await writer.write(payload)
                            await release.value
                        }
                        try await Bench_BenchService.Client(wrapping: client).bidi(request) { response in
                            for try await _ in response.messages { open.yield() }
                        }
                    }
                }
            }
            var count = 0
            for await _ in opened {
                count += 1
                if count == connections * streams { break }
            }
            FileDescriptorOutput.standardOutput.line("ready")
            await release.value
        }
        for client in clients { client.beginGracefulShutdown() }
        try await group.waitForAll()
    }
}

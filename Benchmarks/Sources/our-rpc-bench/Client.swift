import Foundation
import HTTP2Transport
import OurBenchService
import RPCBenchSupport
import RPCCore

typealias BenchClient = Bench_BenchService.Client<HTTP2ClientTransport>

/// Runs `body` with a client of one connection to `host:port`, then shuts the client down.
func withBenchClient<Result: Sendable>(
    host: String, port: Int, _ body: (BenchClient) async throws -> Result
) async throws -> Result {
    let rpcClient = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: host, port: port)))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await rpcClient.run() }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(Bench_BenchService.Client(wrapping: rpcClient)))
        } catch {
            outcome = .failure(error)
        }
        rpcClient.beginGracefulShutdown()
        try await group.waitForAll()
        return try outcome.get()
    }
}

/// One ping-pong bidi call of `roundTrips` messages, each written after the previous echo.
func pingPong(_ client: BenchClient, payload: Bench_Payload, roundTrips: Int) async throws -> Int {
    let (echoes, echoed) = AsyncStream.makeStream(of: Void.self)
    let request = StreamingClientRequest<Bench_Payload> { writer in
        var next = echoes.makeAsyncIterator()
        for _ in 0..<roundTrips {
            try await writer.write(payload)
            guard await next.next() != nil else { return }
        }
    }
    return try await client.bidi(request) { response in
        var count = 0
        for try await _ in response.messages {
            count += 1
            echoed.yield()
        }
        echoed.finish()
        return count
    }
}

/// Runs the load mode named in `arguments` against `client`.
func runLoad(_ arguments: BenchArguments, client: BenchClient) async throws -> LoadResult {
    let concurrency = arguments.int("concurrency", default: 1)
    let warmup = arguments.double("warmup", default: 0.5)
    let seconds = arguments.double("seconds", default: 2)
    let messages = arguments.int("messages", default: 1000)
    let payload = Bench_Payload.benchFixture()
    switch arguments.mode {
    case "unary":
        return try await runClosedLoop(
            concurrency: concurrency, warmup: warmup, seconds: seconds, calls: arguments.optionalInt("calls")
        ) {
            let response = try await client.unary(ClientRequest(message: payload))
            guard response.message.id == payload.id else { throw BenchMismatch("unary echo") }
            return 1
        }
    case "server-stream":
        var copies = payload
        copies.id = Int64(messages)
        let request = copies
        return try await runClosedLoop(concurrency: concurrency, warmup: warmup, seconds: seconds) {
            try await client.serverStream(ClientRequest(message: request)) { response in
                var count = 0
                for try await _ in response.messages { count += 1 }
                guard count == messages else { throw BenchMismatch("server stream count \(count)") }
                return count
            }
        }
    case "client-stream":
        return try await runClosedLoop(concurrency: concurrency, warmup: warmup, seconds: seconds) {
            let request = StreamingClientRequest<Bench_Payload> { writer in
                for _ in 0..<messages { try await writer.write(payload) }
            }
            let response = try await client.clientStream(request)
            guard response.message.id == Int64(messages) else { throw BenchMismatch("client stream count") }
            return messages
        }
    case "bidi":
        return try await runClosedLoop(concurrency: concurrency, warmup: warmup, seconds: seconds) {
            let count = try await pingPong(client, payload: payload, roundTrips: messages)
            guard count == messages else { throw BenchMismatch("bidi round trips \(count)") }
            return count
        }
    case "large":
        let large = Bench_Payload.benchFixture(body: PayloadValues.largeBody)
        let size = large.encodedSize()
        return try await runClosedLoop(concurrency: concurrency, warmup: warmup, seconds: seconds) {
            let response = try await client.unary(ClientRequest(message: large))
            guard response.message.body.count == large.body.count else { throw BenchMismatch("large echo") }
            return size
        }
    default:
        BenchArguments.usage("unknown mode \(arguments.mode)")
    }
}

/// Checks each call shape's answer against the handlers' contract.
func checkCorrectness(_ client: BenchClient) async throws {
    let payload = Bench_Payload.benchFixture()
    let echo = try await client.unary(ClientRequest(message: payload))
    guard echo.message == payload else { throw BenchMismatch("unary echo differs") }
    var request = payload
    request.id = 5
    let copies = try await client.serverStream(ClientRequest(message: request)) { response in
        var copies: [Bench_Payload] = []
        for try await message in response.messages { copies.append(message) }
        return copies
    }
    guard copies == Array(repeating: request, count: 5) else { throw BenchMismatch("server stream copies") }
    let count = try await client.clientStream(StreamingClientRequest(messages: Array(repeating: payload, count: 7)))
    guard count.message.id == 7 else { throw BenchMismatch("client stream count \(count.message.id)") }
    guard try await pingPong(client, payload: payload, roundTrips: 3) == 3 else { throw BenchMismatch("bidi") }
}

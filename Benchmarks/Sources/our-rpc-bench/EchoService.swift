import OurBenchService
import RPCCore

/// The benchmark's handlers, the same on both stacks: echo, N copies, count, echo each.
struct EchoService: Bench_BenchService.ServiceProtocol {
    func unary(request: ServerRequest<Bench_Payload>, context: ServerContext) async throws
        -> ServerResponse<Bench_Payload>
    {
        ServerResponse(message: request.message)
    }

    func serverStream(request: ServerRequest<Bench_Payload>, context: ServerContext) async throws
        -> StreamingServerResponse<Bench_Payload>
    {
        StreamingServerResponse { writer in
            for _ in 0..<request.message.id { try await writer.write(request.message) }
            return [:]
        }
    }

    func clientStream(request: StreamingServerRequest<Bench_Payload>, context: ServerContext) async throws
        -> ServerResponse<Bench_Payload>
    {
        var count = Bench_Payload()
        for try await _ in request.messages { count.id += 1 }
        return ServerResponse(message: count)
    }

    func bidi(request: StreamingServerRequest<Bench_Payload>, context: ServerContext) async throws
        -> StreamingServerResponse<Bench_Payload>
    {
        StreamingServerResponse { writer in
            for try await message in request.messages { try await writer.write(message) }
            return [:]
        }
    }
}

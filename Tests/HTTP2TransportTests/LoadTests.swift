import HTTP2Transport
@testable import InteropTesting
import RPCCore
import Testing

/// Holds every arriving call until `target` calls are in progress at once.
private actor Barrier {
    let target: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(target: Int) { self.target = target }

    func arrive() async {
        arrived += 1
        if arrived >= target {
            for waiter in waiting { waiter.resume() }
            waiting = []
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

/// The interop service with UnaryCall replaced by one that records each caller's address
/// and waits at `barrier` (when given) before answering with `response_size` zeros.
private func recordingRouter(peers: DistinctValues, barrier: Barrier?) -> RPCRouter<HTTP2ServerTransport> {
    var router = interopRouter()
    router.registerUnary(Grpc_Testing_TestService.Method.unaryCall) {
        (request: ServerRequest<Grpc_Testing_SimpleRequest>, context) -> ServerResponse<Grpc_Testing_SimpleResponse> in
        peers.insert(context.remotePeer)
        await barrier?.arrive()
        return ServerResponse(message: Grpc_Testing_SimpleResponse(payload: .zeros(Int(request.message.responseSize))))
    }
    return router
}

@Suite("Load over HTTP/2 on loopback", .serialized, .timeLimit(.minutes(2)))
struct LoadTests {
    @Test("1,000 streams open at once on one connection all complete with their own results")
    func thousandConcurrentStreams() async throws {
        let streams = 1_000
        let peers = DistinctValues()
        var settings = HTTP2Settings()
        settings.maxConcurrentStreams = UInt32(streams)
        let server = try await RunningServer.start(
            serving:
                recordingRouter(peers: peers, barrier: Barrier(target: streams)), settings: settings)
        let correct = try await server.withClient { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<streams {
                    group.addTask {
                        let request = Grpc_Testing_SimpleRequest(
                            responseSize: Int32(index), payload: .zeros(index % 64))
                        let response = try await service.unaryCall(ClientRequest(message: request))
                        return response.message.payload?.isZeros(index) ?? (index == 0)
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        #expect(correct == streams)
        #expect(peers.count == 1, "the calls used more than one connection")
        try await server.stop()
    }

    @Test("100 connections with 10 calls each, unary and streaming, all complete with correct results")
    func hundredConnections() async throws {
        let connections = 100
        let peers = DistinctValues()
        let server = try await RunningServer.start(
            serving:
                recordingRouter(peers: peers, barrier: Barrier(target: connections)))
        let correct = try await withThrowingTaskGroup(of: Int.self) { group in
            for connection in 0..<connections {
                group.addTask {
                    try await server.withClient { client in
                        let service = Grpc_Testing_TestService.Client(wrapping: client)
                        var correct = 0
                        // The first call of every connection waits until all connections are up.
                        for call in 0..<5 {
                            let size = connection * 10 + call
                            let response = try await service.unaryCall(
                                ClientRequest(message: Grpc_Testing_SimpleRequest(responseSize: Int32(size))))
                            if response.message.payload?.isZeros(size) ?? (size == 0) { correct += 1 }
                        }
                        let sizes = (0..<5).map { connection + $0 }
                        let request = Grpc_Testing_StreamingOutputCallRequest(
                            responseParameters: sizes.map { Grpc_Testing_ResponseParameters(size: Int32($0)) })
                        let received = try await service.streamingOutputCall(ClientRequest(message: request)) {
                            response in
                            var received: [Int] = []
                            for try await message in response.messages {
                                received.append(message.payload?.body.count ?? 0)
                            }
                            return received
                        }
                        return correct + (received == sizes ? 5 : 0)
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(correct == connections * 10)
        #expect(peers.count == connections)
        try await server.stop()
    }
}

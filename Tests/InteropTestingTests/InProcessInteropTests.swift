import InProcessTransport
@testable import InteropTesting
import RPCCore
import Testing

/// The interop service, registered on a router.
func interopRouter<Transport: ServerTransport>(_: Transport.Type) -> RPCRouter<Transport> {
    var router = RPCRouter<Transport>()
    InteropTestService().registerMethods(with: &router)
    return router
}

@Suite("Interop cases in process", .timeLimit(.minutes(1)))
struct InProcessInteropTests {
    @Test(
        "every interop case but the compression ones (no wire, no compressed flag) passes in process",
        arguments: InteropTestCase.allCases.filter { !$0.usesCompression })
    func everyCase(testCase: InteropTestCase) async throws {
        try await withInProcessServer(interopRouter(InProcessServerTransport.self)) { client in
            try await testCase.run(using: client)
        }
    }

    @Test("large_unary fails naming the size when a server answers with the wrong payload size")
    func wrongPayloadSizeFails() async throws {
        var router = RPCRouter<InProcessServerTransport>()
        router.registerUnary(Grpc_Testing_TestService.Method.unaryCall) {
            (_: ServerRequest<Grpc_Testing_SimpleRequest>, _) in
            ServerResponse(message: Grpc_Testing_SimpleResponse(payload: .zeros(10)))
        }
        try await withInProcessServer(router) { client in
            let failure = await #expect(throws: InteropTestFailure.self) {
                try await InteropTestCase.largeUnary.run(using: client)
            }
            #expect(
                failure?.description
                    == "test case large_unary failed: the response payload has 10 bytes, not 314159 zeros")
        }
    }

    @Test("custom_metadata fails when a server does not echo the metadata")
    func missingEchoFails() async throws {
        var router = RPCRouter<InProcessServerTransport>()
        router.registerUnary(Grpc_Testing_TestService.Method.unaryCall) {
            (request: ServerRequest<Grpc_Testing_SimpleRequest>, _) in
            ServerResponse(message: Grpc_Testing_SimpleResponse(payload: .zeros(Int(request.message.responseSize))))
        }
        try await withInProcessServer(router) { client in
            let failure = await #expect(throws: InteropTestFailure.self) {
                try await InteropTestCase.customMetadata.run(using: client)
            }
            #expect(
                failure?.message.contains("x-grpc-test-echo-initial=nothing") == true, "\(String(describing: failure))")
        }
    }

    @Test("unimplemented_service fails when the server implements the service")
    func implementedServiceFails() async throws {
        var router = RPCRouter<InProcessServerTransport>()
        router.registerUnary(Grpc_Testing_UnimplementedService.Method.unimplementedCall) {
            (_: ServerRequest<Grpc_Testing_Empty>, _) in ServerResponse(message: Grpc_Testing_Empty())
        }
        try await withInProcessServer(router) { client in
            await #expect(throws: InteropTestFailure.self) {
                try await InteropTestCase.unimplementedService.run(using: client)
            }
        }
    }

    @Test(
        "the server fails a request expecting compression with INVALID_ARGUMENT when it arrived uncompressed (in process: always)"
    )
    func expectCompressedIsInvalidArgument() async throws {
        try await withInProcessServer(interopRouter(InProcessServerTransport.self)) { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            var request = Grpc_Testing_SimpleRequest(responseSize: 8)
            request.expectCompressed = Grpc_Testing_BoolValue(value: true)
            let error = await #expect(throws: RPCError.self) {
                _ = try await service.unaryCall(ClientRequest(message: request))
            }
            #expect(error?.code == .invalidArgument)
            request.expectCompressed = Grpc_Testing_BoolValue(value: false)
            let response = try await service.unaryCall(ClientRequest(message: request))
            #expect(response.message.payload?.body.count == 8)
        }
    }

    @Test("response intervals are observed: three responses 50 ms apart take at least 150 ms")
    func intervalsAreObserved() async throws {
        try await withInProcessServer(interopRouter(InProcessServerTransport.self)) { client in
            let service = Grpc_Testing_TestService.Client(wrapping: client)
            let parameters = Array(repeating: Grpc_Testing_ResponseParameters(size: 1, intervalUs: 50_000), count: 3)
            let start = ContinuousClock.now
            let count = try await service.streamingOutputCall(
                ClientRequest(message: Grpc_Testing_StreamingOutputCallRequest(responseParameters: parameters))
            ) { response in
                var count = 0
                for try await _ in response.messages { count += 1 }
                return count
            }
            #expect(count == 3)
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
    }
}

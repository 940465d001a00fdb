import InProcessTransport
import RPCCore
import Testing

/// A FeatureService that echoes ids: the generated protocol, router registration and client
/// are used end to end over the in-process transport.
private struct FeatureEcho: Emittertest_V1_FeatureService.ServiceProtocol {
    func get(request: ServerRequest<Emittertest_V1_Features>, context: ServerContext) async throws
        -> ServerResponse<Emittertest_V1_Features>
    {
        var reply = request.message
        reply.id += 1
        return ServerResponse(message: reply)
    }

    func watch(request: ServerRequest<Emittertest_V1_Features>, context: ServerContext) async throws
        -> StreamingServerResponse<Emittertest_V1_Features>
    {
        StreamingServerResponse { writer in
            for id in 0..<request.message.id {
                var reply = Emittertest_V1_Features()
                reply.id = id
                try await writer.write(reply)
            }
            return [:]
        }
    }

    func collect(request: StreamingServerRequest<Emittertest_V1_Features>, context: ServerContext) async throws
        -> ServerResponse<Emittertest_V1_Features>
    {
        var total = Emittertest_V1_Features()
        for try await message in request.messages { total.id += message.id }
        return ServerResponse(message: total)
    }

    func chat(request: StreamingServerRequest<Emittertest_V1_Features>, context: ServerContext) async throws
        -> StreamingServerResponse<Emittertest_V1_Features>
    {
        StreamingServerResponse { writer in
            for try await message in request.messages {
                var reply = message
                reply.name = message.name.uppercased()
                try await writer.write(reply)
            }
            return [:]
        }
    }

    func all_(request: ServerRequest<Emittertest_V1_Link>, context: ServerContext) async throws
        -> ServerResponse<Emittertest_V1_Chain>
    {
        var chain = Emittertest_V1_Chain()
        chain.all = [request.message, request.message]
        return ServerResponse(message: chain)
    }
}

@Suite("Generated service code")
struct GeneratedServiceTests {
    private func withFeatureService(
        _ body: (Emittertest_V1_FeatureService.Client<InProcessClientTransport>) async throws -> Void
    ) async throws {
        let serverTransport = InProcessServerTransport()
        var router = RPCRouter<InProcessServerTransport>()
        FeatureEcho().registerMethods(with: &router)
        #expect(Set(router.methods) == Set(Emittertest_V1_FeatureService.Method.all))
        let server = RPCServer(transport: serverTransport, router: router)
        let rpcClient = RPCClient(transport: InProcessClientTransport(server: serverTransport))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await rpcClient.run() }
            let outcome: Result<Void, any Error>
            do {
                try await body(Emittertest_V1_FeatureService.Client(wrapping: rpcClient))
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            rpcClient.beginGracefulShutdown()
            server.beginGracefulShutdown()
            try await group.waitForAll()
            try outcome.get()
        }
    }

    private func features(id: Int32, name: String = "") -> Emittertest_V1_Features {
        var message = Emittertest_V1_Features()
        message.id = id
        message.name = name
        return message
    }

    @Test("method descriptors carry the proto service and method names")
    func descriptors() {
        #expect(Emittertest_V1_FeatureService.Method.get.fullPath == "/emittertest.v1.FeatureService/Get")
        #expect(Emittertest_V1_FeatureService.Method.all_.fullPath == "/emittertest.v1.FeatureService/All")
        #expect(Emittertest_V1_FeatureService.Method.all.count == 5)
    }

    @Test("all four kinds of method work through the generated client and server protocol")
    func fourKinds() async throws {
        try await withFeatureService { client in
            let unary = try await client.get(ClientRequest(message: features(id: 41)))
            #expect(unary.message.id == 42)

            let ids = try await client.watch(ClientRequest(message: features(id: 3))) { response in
                var ids: [Int32] = []
                for try await message in response.messages { ids.append(message.id) }
                return ids
            }
            #expect(ids == [0, 1, 2])

            let sum = try await client.collect(StreamingClientRequest(messages: [features(id: 1), features(id: 2)]))
            #expect(sum.message.id == 3)

            let names = try await client.chat(
                StreamingClientRequest(messages: [features(id: 1, name: "a"), features(id: 2, name: "b")])
            ) {
                response in
                var names: [String] = []
                for try await message in response.messages { names.append(message.name) }
                return names
            }
            #expect(names == ["A", "B"])

            var link = Emittertest_V1_Link()
            link.label = "x"
            let chain = try await client.all_(ClientRequest(message: link))
            #expect(chain.message.all.map(\.label) == ["x", "x"])
        }
    }
}

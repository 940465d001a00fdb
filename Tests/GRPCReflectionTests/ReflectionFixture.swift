import GRPCReflection
import InProcessTransport
import ProtoDescriptors
import ProtocSupport
import RPCCore

/// A reflection service over protoc's descriptors of the emitter and codec test protos,
/// served in-process, with a client to ask it.
enum ReflectionFixture {
    /// protoc's files for `emittertest/features.proto` (importing `prefixed.proto`) and
    /// `codectest/legacy.proto` (with extensions of `codectest.Legacy`), imports first.
    static func files() async throws -> [FileDescriptorProto] {
        let set = try FileDescriptorSet(
            serializedBytes: try await Protoc.descriptorSet(
                ["emittertest/features.proto", "codectest/legacy.proto"]))
        return set.file
    }

    /// Asks `requests` over one stream of `method` of a router serving reflection over
    /// ``files()`` only, and returns the answers.
    static func ask(
        _ requests: [Grpc_Reflection_V1_ServerReflectionRequest],
        method: MethodDescriptor = ReflectionService.v1Method
    ) async throws -> [Grpc_Reflection_V1_ServerReflectionResponse] {
        var router = RPCRouter<InProcessServerTransport>()
        try router.registerReflection(serializedFiles: try await files().map { $0.serializedBytes() })
        return try await ask(requests, method: method, of: router)
    }

    /// Asks `requests` over one stream of `method` of a server running `router`, and returns
    /// the answers.
    static func ask(
        _ requests: [Grpc_Reflection_V1_ServerReflectionRequest],
        method: MethodDescriptor = ReflectionService.v1Method, of router: RPCRouter<InProcessServerTransport>
    ) async throws -> [Grpc_Reflection_V1_ServerReflectionResponse] {
        let server = InProcessServerTransport()
        let client = RPCClient(transport: InProcessClientTransport(server: server))
        let rpcServer = RPCServer(transport: server, router: router)
        return try await withThrowingTaskGroup(of: [Grpc_Reflection_V1_ServerReflectionResponse]?.self) { group in
            group.addTask {
                try await rpcServer.serve()
                return nil
            }
            group.addTask {
                try await client.run()
                return nil
            }
            let answers = try await client.bidirectionalStreaming(
                request: StreamingClientRequest(messages: requests), descriptor: method,
                responseType: Grpc_Reflection_V1_ServerReflectionResponse.self
            ) { response in
                var answers: [Grpc_Reflection_V1_ServerReflectionResponse] = []
                for try await answer in response.messages { answers.append(answer) }
                return answers
            }
            client.beginGracefulShutdown()
            rpcServer.beginGracefulShutdown()
            try await group.waitForAll()
            return answers
        }
    }

    /// The names of the files in a file-descriptor answer, in order; empty for other answers.
    static func fileNames(_ answer: Grpc_Reflection_V1_ServerReflectionResponse) throws -> [String] {
        guard case .fileDescriptorResponse(let files)? = answer.messageResponse else { return [] }
        return try files.fileDescriptorProto.map { try FileDescriptorProto(serializedBytes: [UInt8]($0)).name ?? "" }
    }

    /// The services of a `list_services` answer, in order; empty for other answers.
    static func serviceNames(_ answer: Grpc_Reflection_V1_ServerReflectionResponse) -> [String] {
        guard case .listServicesResponse(let list)? = answer.messageResponse else { return [] }
        return list.service.map(\.name)
    }

    /// The error code of an error answer, nil for other answers.
    static func errorCode(_ answer: Grpc_Reflection_V1_ServerReflectionResponse) -> Int32? {
        guard case .errorResponse(let error)? = answer.messageResponse else { return nil }
        return error.errorCode
    }
}

extension Grpc_Reflection_V1_ServerReflectionRequest {
    /// A request asking `question`.
    static func asking(_ question: OneOf_MessageRequest?) -> Self {
        Self(messageRequest: question)
    }
}

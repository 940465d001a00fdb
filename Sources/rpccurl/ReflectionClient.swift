import Foundation
import GRPCReflection
import ProtoDescriptors
import RPCCore

/// Asks a server for descriptors over gRPC server reflection: v1 first, v1alpha when the
/// server does not implement v1 (the two versions' messages are the same on the wire).
struct ReflectionClient<Transport: ClientTransport>: Sendable {
    let client: RPCClient<Transport>
    let metadata: Metadata
    let options: CallOptions

    /// The answers to `requests`, in order, from whichever version the server speaks.
    ///
    /// - Throws: `Failure.other` when the server implements neither version (suggesting
    ///   `-proto`), or the RPC's error as `Failure.rpc`.
    func ask(_ requests: [Grpc_Reflection_V1_ServerReflectionRequest]) async throws(Failure)
        -> [Grpc_Reflection_V1_ServerReflectionResponse]
    {
        do {
            return try await ask(requests, via: ReflectionService.v1Method)
        } catch let error as RPCError where error.code == .unimplemented {
            do {
                return try await ask(requests, via: ReflectionService.v1alphaMethod)
            } catch let error as RPCError where error.code == .unimplemented {
                throw .other(
                    "server does not support the reflection API (neither grpc.reflection.v1 nor v1alpha); "
                        + "give the service's .proto files with -proto (and -import-path) or a -protoset")
            } catch {
                throw Self.failure(error)
            }
        } catch {
            throw Self.failure(error)
        }
    }

    /// Every service the server lists.
    func serviceNames() async throws(Failure) -> [String] {
        let answer = try await ask([Grpc_Reflection_V1_ServerReflectionRequest(messageRequest: .listServices("*"))])
        guard case .listServicesResponse(let list)? = answer.first?.messageResponse else {
            throw Self.unexpected(answer.first)
        }
        return list.service.map(\.name)
    }

    /// The files declaring `symbols` and everything they import, each once.
    func files(containing symbols: [String]) async throws(Failure) -> [FileDescriptorProto] {
        let answers = try await ask(
            symbols.map { Grpc_Reflection_V1_ServerReflectionRequest(messageRequest: .fileContainingSymbol($0)) })
        var files: [String: FileDescriptorProto] = [:]
        var order: [String] = []
        for (symbol, answer) in zip(symbols, answers) {
            switch answer.messageResponse {
            case .fileDescriptorResponse(let response)?:
                for bytes in response.fileDescriptorProto {
                    guard let file = try? FileDescriptorProto(serializedBytes: [UInt8](bytes)) else {
                        throw .other("the server sent a file descriptor for \(symbol) that does not decode")
                    }
                    let name = file.name ?? ""
                    if files[name] == nil { order.append(name) }
                    files[name] = file
                }
            case .errorResponse(let error)?:
                throw .other(
                    "Symbol not found: \(symbol) (\(grpcurlName(StatusCode(wireValue: Int(error.errorCode)))): \(error.errorMessage))"
                )
            default:
                throw Self.unexpected(answer)
            }
        }
        return order.compactMap { files[$0] }
    }

    private func ask(
        _ requests: [Grpc_Reflection_V1_ServerReflectionRequest], via method: MethodDescriptor
    ) async throws -> [Grpc_Reflection_V1_ServerReflectionResponse] {
        try await client.bidirectionalStreaming(
            request: StreamingClientRequest(messages: requests, metadata: metadata), descriptor: method,
            responseType: Grpc_Reflection_V1_ServerReflectionResponse.self, options: options
        ) { response in
            var answers: [Grpc_Reflection_V1_ServerReflectionResponse] = []
            for try await answer in response.messages { answers.append(answer) }
            return answers
        }
    }

    private static func failure(_ error: any Error) -> Failure {
        if let failure = error as? Failure { return failure }
        if let error = error as? RPCError { return Dialing.failure(error) }
        return .other("reflection failed: \(error)")
    }

    private static func unexpected(_ answer: Grpc_Reflection_V1_ServerReflectionResponse?) -> Failure {
        if case .errorResponse(let error)? = answer?.messageResponse {
            return .other("reflection error \(error.errorCode): \(error.errorMessage)")
        }
        return .other("the server's reflection answer is not what was asked for")
    }
}

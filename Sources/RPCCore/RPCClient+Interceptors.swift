import ProtoCodec
import Synchronization

extension RPCClient {
    /// Makes a unary call through the interceptors that apply to its method.
    @usableFromInline
    func interceptedUnary<Request: Message, Response: Message>(
        _ request: ClientRequest<Request>, _ descriptor: MethodDescriptor, _ responseType: Response.Type,
        _ options: CallOptions
    ) async throws(RPCError) -> ClientResponse<Response> {
        let chain = interceptors.interceptors(for: descriptor)
        guard !chain.isEmpty else { return try await directUnary(request, descriptor, Response.self, options) }
        let head = ClientCallHead(
            descriptor: descriptor, metadata: request.metadata, options: options.resolvingDeadline(from: .now))
        let outcome = try await runClientInterceptors(chain[...], head) { head async throws(RPCError) in
            let response = try await directUnary(
                ClientRequest(message: request.message, metadata: head.metadata), descriptor, Response.self,
                head.options)
            return ClientCallOutcome(
                metadata: response.metadata, value: response.message, trailingMetadata: response.trailingMetadata)
        }
        return ClientResponse(
            metadata: outcome.metadata, message: outcome.value, trailingMetadata: outcome.trailingMetadata)
    }

    /// Makes a streaming-response call through the interceptors that apply to its method (at
    /// once when there are none); `direct` makes the call itself with the metadata and
    /// options the interceptors chose.
    func interceptingStreaming<Response: Message, Result: Sendable>(
        _ descriptor: MethodDescriptor, _ metadata: Metadata, _ options: CallOptions,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result,
        direct: (Metadata, CallOptions, @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result)
            async throws -> Result
    ) async throws -> Result {
        let chain = interceptors.isEmpty ? [] : interceptors.interceptors(for: descriptor)
        guard !chain.isEmpty else { return try await direct(metadata, options, onResponse) }
        let head = ClientCallHead(
            descriptor: descriptor, metadata: metadata, options: options.resolvingDeadline(from: .now))
        let outcome = try await runClientInterceptors(chain[...], head) { head async throws(RPCError) in
            let seen = ObservedResponse()
            let value: Swift.Result<Result, any Error>
            do {
                value = .success(
                    try await direct(head.metadata, head.options) { response in
                        seen.headers = response.metadata
                        defer { seen.trailers = response.trailingMetadata }
                        return try await onResponse(response)
                    })
            } catch {
                // The call's status is the interceptors' business; other errors belong to the caller.
                if let error = error as? RPCError { throw error }
                value = .failure(error)
            }
            return ClientCallOutcome(metadata: seen.headers, value: value, trailingMetadata: seen.trailers)
        }
        return try outcome.value.get()
    }
}

/// The response headers and trailers a streaming call's response handler saw.
private final class ObservedResponse: Sendable {
    private let storage = Mutex((headers: Metadata(), trailers: Metadata()))

    var headers: Metadata {
        get { storage.withLock { $0.headers } }
        set { storage.withLock { $0.headers = newValue } }
    }

    var trailers: Metadata {
        get { storage.withLock { $0.trailers } }
        set { storage.withLock { $0.trailers = newValue } }
    }
}

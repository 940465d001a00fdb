import ProtoCodec

extension RPCClient {
    /// Makes a server-streaming call: one request message, a stream of responses.
    ///
    /// `onResponse` runs once the response headers arrive (or with no messages after a
    /// Trailers-Only OK); the call ends when it returns, and the stream is reset if it
    /// returns before the messages ended.
    ///
    /// - Throws: ``RPCError`` with the server's status when a Trailers-Only response is not
    ///   OK, or the local statuses of ``unary(request:descriptor:responseType:options:)``;
    ///   iterating the messages throws the call's final ``RPCError``; whatever `onResponse`
    ///   throws is rethrown.
    @inlinable
    public nonisolated(nonsending) func serverStreaming<Request: Message, Response: Message, Result: Sendable>(
        request: ClientRequest<Request>, descriptor: MethodDescriptor,
        responseType: Response.Type = Response.self, options: CallOptions = CallOptions(),
        onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        guard interceptors.isEmpty else {
            return try await interceptedServerStreaming(request, descriptor, options, onResponse)
        }
        return try await directServerStreaming(request, descriptor, options, onResponse)
    }

    /// Makes a server-streaming call through the interceptors that apply to its method.
    @usableFromInline
    nonisolated(nonsending) func interceptedServerStreaming<Request: Message, Response: Message, Result: Sendable>(
        _ request: ClientRequest<Request>, _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        try await interceptingStreaming(descriptor, request.metadata, options, onResponse) {
            metadata, options, onResponse in
            var request = request
            request.metadata = metadata
            return try await directServerStreaming(request, descriptor, options, onResponse)
        }
    }

    /// Makes a server-streaming call without interceptors (inlinable, so that reading each
    /// response message is specialised for the transport).
    @inlinable
    nonisolated(nonsending) func directServerStreaming<Request: Message, Response: Message, Result: Sendable>(
        _ request: ClientRequest<Request>, _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        try request.metadata.validate()
        let message = request.message.serializedBytes()
        var options = options
        if let config = serviceConfig?.methodConfig(for: descriptor) {
            try config.checkRequestSize(message.count)
            options = options.applying(config)
        }
        return try await call(descriptor, options) { [metadata = request.metadata] stream async throws(RPCError) in
            await send(metadata, message, on: stream)
            return try await handleStreamingResponse(stream, Response.self, onResponse)
        }.get()
    }

    /// Makes a client-streaming call: the request producer writes messages, the server
    /// answers with one.
    ///
    /// - Throws: ``RPCError`` as ``unary(request:descriptor:responseType:options:)`` does;
    ///   when the producer throws, the call is cancelled and its error rethrown (an error
    ///   from writing to a stream the server already ended is replaced by the server's status).
    public nonisolated(nonsending) func clientStreaming<Request: Message, Response: Message>(
        request: StreamingClientRequest<Request>, descriptor: MethodDescriptor,
        responseType: Response.Type = Response.self, options: CallOptions = CallOptions()
    ) async throws -> ClientResponse<Response> {
        try await bidirectionalStreaming(request: request, descriptor: descriptor, options: options) {
            (response: StreamingClientResponse<Response>) in
            var messages = response.messages.makeAsyncIterator()
            guard let message = try await messages.next() else {
                throw RPCError(code: .internal, message: "the server ended a client-streaming call without a message")
            }
            guard try await messages.next() == nil else {
                throw RPCError(
                    code: .internal, message: "the server sent more than one message in a client-streaming response")
            }
            return ClientResponse(
                metadata: response.metadata, message: message, trailingMetadata: response.trailingMetadata)
        }
    }

    /// Makes a bidirectional-streaming call: the request producer and `onResponse` run
    /// concurrently.
    ///
    /// - Throws: as ``serverStreaming(request:descriptor:responseType:options:onResponse:)``;
    ///   when the producer throws, the call is cancelled and its error rethrown.
    public nonisolated(nonsending) func bidirectionalStreaming<Request: Message, Response: Message, Result: Sendable>(
        request: StreamingClientRequest<Request>, descriptor: MethodDescriptor,
        responseType: Response.Type = Response.self, options: CallOptions = CallOptions(),
        onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        try await interceptingStreaming(descriptor, request.metadata, options, onResponse) {
            metadata, options, onResponse in
            var request = request
            request.metadata = metadata
            return try await directBidirectionalStreaming(request, descriptor, options, onResponse)
        }
    }

    /// Makes a bidirectional-streaming call without interceptors.
    nonisolated(nonsending) func directBidirectionalStreaming<Request: Message, Response: Message, Result: Sendable>(
        _ request: StreamingClientRequest<Request>, _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        try request.metadata.validate()
        let config = serviceConfig?.methodConfig(for: descriptor)
        let options = config.map { options.applying($0) } ?? options
        return try await call(descriptor, options) { stream async throws(RPCError) -> Swift.Result<Result, any Error> in
            await withTaskGroup(of: StreamingOutcome<Result>.self) { group in
                group.addTask { await produce(request, on: stream, config: config) }
                group.addTask {
                    do {
                        return .responded(
                            .success(try await handleStreamingResponse(stream, Response.self, onResponse).get()))
                    } catch {
                        return .responded(.failure(error))
                    }
                }
                while let outcome = await group.next() {
                    switch outcome {
                    case .produced: continue
                    case .producerFailed(let error):
                        group.cancelAll()
                        return .failure(error)
                    case .responded(let result):
                        group.cancelAll()
                        return result
                    }
                }
                return .failure(RPCError(code: .internal, message: "the call ended without a response"))
            }
        }.get()
    }

    /// Runs the request producer, then ends the request stream; a message over `config`'s
    /// request limit fails the call (RESOURCE_EXHAUSTED) without being written.
    private func produce<Request: Message, Result: Sendable>(
        _ request: StreamingClientRequest<Request>, on stream: RPCStream<Transport.Inbound, Transport.Outbound>,
        config: MethodConfig?
    ) async -> StreamingOutcome<Result> {
        do throws(RPCError) {
            try await stream.outbound.write(.metadata(request.metadata))
        } catch {
            await stream.outbound.finish()
            return .produced
        }
        let writer = RPCWriter<Request> { message throws(RPCError) in
            let bytes = message.serializedBytes()
            if let config { try config.checkRequestSize(bytes.count) }
            do throws(RPCError) {
                try await stream.outbound.write(.message(bytes))
            } catch {
                throw RPCError(code: error.code, message: error.message, cause: StreamEnded())
            }
        }
        do {
            try await request.producer(writer)
        } catch let error as RPCError where error.cause is StreamEnded {
            logger.trace("request write refused; the response will carry the status")
        } catch is CancellationError {
            // The calling task was cancelled while the producer waited: the call ends
            // CANCELLED, as when the response side notices the cancellation first.
            return .producerFailed(RPCError(code: .cancelled, message: "the call was cancelled"))
        } catch {
            return .producerFailed(error)
        }
        await stream.outbound.finish()
        return .produced
    }

    /// Reads the response head and hands the response to `onResponse`.
    @inlinable
    nonisolated(nonsending) func handleStreamingResponse<Response: Message, Result: Sendable>(
        _ stream: RPCStream<Transport.Inbound, Transport.Outbound>, _ type: Response.Type,
        _ onResponse: @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws(RPCError) -> Swift.Result<Result, any Error> {
        var reader = ResponseReader(stream.inbound)
        let trailers = TrailersBox()
        let response: StreamingClientResponse<Response>
        switch try await reader.readHead() {
        case .finished(let status, let metadata):
            if let error = RPCError(status: status, metadata: metadata) { throw error }
            trailers.metadata = metadata
            response = StreamingClientResponse(
                metadata: Metadata(), messages: RPCAsyncSequence(elements: []), trailers: trailers)
        case .headers(let metadata):
            let box = IteratorBox(reader)
            let messages = RPCAsyncSequence<Response> {
                { () async throws(RPCError) -> Response? in
                    var trailingMetadata = Metadata()
                    defer { trailers.metadata = trailingMetadata }
                    return try await box.iterator.readMessage(Response.self, trailers: &trailingMetadata)
                }
            }
            response = StreamingClientResponse(metadata: metadata, messages: messages, trailers: trailers)
        }
        do {
            return .success(try await onResponse(response))
        } catch {
            return .failure(error)
        }
    }
}

/// How one child of a bidirectional call ended.
enum StreamingOutcome<Result: Sendable>: Sendable {
    case produced
    case producerFailed(any Error)
    case responded(Swift.Result<Result, any Error>)
}

/// Marks a write error caused by the stream having ended, so the call reports the server's
/// status instead.
struct StreamEnded: Error {}

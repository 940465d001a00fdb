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
        let config = serviceConfig?.methodConfig(for: descriptor)
        if let config {
            try config.checkRequestSize(message.count)
            options = options.applying(config)
        }
        return try await run(descriptor, options) { [metadata = request.metadata] options async throws(RPCError) in
            try await retrying(config?.retryPolicy, deadline: options.deadline) { attempts async throws(RPCError) in
                try await openStream(descriptor, options) { stream async throws(RPCError) in
                    await send(attempts.metadata(metadata), message, on: stream)
                    return try await handleStreamingResponse(stream, Response.self, commit: {}, onResponse)
                }
            }
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
        let log = RequestLog<Transport.Outbound>(limit: options.retryBufferSize)
        return try await run(descriptor, options) { options async throws(RPCError) in
            // Until a stream's body runs, nothing was produced: a failure to open one is retried
            // from scratch. The producer and the response then run in the first stream's body
            // (on its executor); later attempts are made in there, from the log.
            try await retrying(config?.retryPolicy, deadline: options.deadline, mayRetry: { !log.producing }) {
                attempts async throws(RPCError) in
                try await openStream(descriptor, options) { stream async throws(RPCError) in
                    log.producing = true
                    return await exchange(
                        request, descriptor, options, config, log, first: stream, attempts, onResponse)
                }
            }
        }.get()
    }

    /// Runs a streaming call's producer (into `log`) and its attempts (the `first` on its
    /// stream, then retries on new ones, each sent what `log` holds) side by side; the
    /// call's outcome is the response's, or the producer's failure.
    private nonisolated(nonsending) func exchange<Request: Message, Response: Message, Result: Sendable>(
        _ request: StreamingClientRequest<Request>, _ descriptor: MethodDescriptor, _ options: CallOptions,
        _ config: MethodConfig?, _ log: RequestLog<Transport.Outbound>,
        first: RPCStream<Transport.Inbound, Transport.Outbound>, _ attempts: RetryAttempts,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async -> Swift.Result<Result, any Error> {
        await withTaskGroup(of: StreamingOutcome<Result>.self) { group in
            group.addTask { await produce(request, into: log, config: config) }
            group.addTask {
                defer { log.close() }
                var unused: RPCStream<Transport.Inbound, Transport.Outbound>? = first
                do {
                    return .responded(
                        try await retrying(
                            config?.retryPolicy, deadline: options.deadline, from: attempts, mayRetry: { log.mayRetry }
                        ) { attempts async throws(RPCError) in
                            let metadata = attempts.metadata(request.metadata)
                            if let stream = unused.take() {
                                return try await attempt(on: stream, metadata, log, onResponse)
                            }
                            return try await openStream(descriptor, options) { stream async throws(RPCError) in
                                try await attempt(on: stream, metadata, log, onResponse)
                            }
                        })
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
    }

    /// One attempt of a streaming call on `stream`: the request from `log` with `metadata`,
    /// then the response.
    private nonisolated(nonsending) func attempt<Response: Message, Result: Sendable>(
        on stream: RPCStream<Transport.Inbound, Transport.Outbound>, _ metadata: Metadata,
        _ log: RequestLog<Transport.Outbound>,
        _ onResponse: @escaping @Sendable (StreamingClientResponse<Response>) async throws -> Result
    ) async throws(RPCError) -> Swift.Result<Result, any Error> {
        await log.attach(stream.outbound, metadata: metadata)
        return try await handleStreamingResponse(stream, Response.self, commit: log.commit, onResponse)
    }

    /// Runs the request producer into `log`, then ends the request; a message over `config`'s
    /// request limit fails the call (RESOURCE_EXHAUSTED) without being written.
    private func produce<Request: Message, Result: Sendable>(
        _ request: StreamingClientRequest<Request>, into log: RequestLog<Transport.Outbound>, config: MethodConfig?
    ) async -> StreamingOutcome<Result> {
        let writer = RPCWriter<Request> { message throws(RPCError) in
            let bytes = message.serializedBytes()
            if let config { try config.checkRequestSize(bytes.count) }
            do throws(RPCError) {
                try await log.write(bytes)
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
        await log.finish()
        return .produced
    }

    /// Reads the response head and hands the response to `onResponse`, whose outcome is
    /// returned; response headers first `commit` the call to this attempt.
    ///
    /// - Throws: ``RPCError`` when the attempt failed before response headers: a
    ///   Trailers-Only status other than OK, or the stream's failure.
    @inlinable
    nonisolated(nonsending) func handleStreamingResponse<Response: Message, Result: Sendable>(
        _ stream: RPCStream<Transport.Inbound, Transport.Outbound>, _ type: Response.Type, commit: () -> Void,
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
            commit()
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

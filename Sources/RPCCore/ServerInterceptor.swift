/// Runs around the handler of every server call it applies to: to authenticate, trace,
/// log, or refuse calls.
///
/// A server's interceptors form a chain in the order given: the first runs outermost, and
/// each calls `next` to continue toward the handler. Every kind of method is seen in the
/// streaming shape. An interceptor may:
/// - read the peer and deadline in the ``ServerContext``, and change the request's metadata
///   (or the context) before calling `next`;
/// - end the call without running the handler by throwing an ``RPCError`` instead of calling
///   `next`: the client gets that status (a Trailers-Only response);
/// - change the response headers' metadata of the response `next` returns, and wrap its
///   ``StreamingServerResponse/producer`` to observe or change the messages, the trailers
///   or the final status (throw from it to end the call with another status);
/// - catch what `next` throws (the handler failed before responding) and throw another error.
///
/// Interceptors run only for methods the router has; an unknown method is answered
/// UNIMPLEMENTED without them.
public protocol ServerInterceptor: Sendable {
    /// Intercepts one call.
    ///
    /// - Throws: what `next` threw or an error of the interceptor's own: an ``RPCError``
    ///   ends the call with its status, anything else with UNKNOWN.
    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output>
}

/// Runs `handler` through the interceptors, the first one outermost.
@usableFromInline
func runServerInterceptors<Input: Sendable, Output: Sendable>(
    _ interceptors: ArraySlice<any ServerInterceptor>,
    _ request: StreamingServerRequest<Input>, _ context: ServerContext,
    _ handler: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
) async throws -> StreamingServerResponse<Output> {
    guard let first = interceptors.first else { return try await handler(request, context) }
    return try await first.intercept(request: request, context: context) { request, context in
        try await runServerInterceptors(interceptors.dropFirst(), request, context, handler)
    }
}

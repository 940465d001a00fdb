/// Runs around every client call it applies to, before anything reaches the network: to add
/// credentials or tracing headers, measure or log calls, map errors, or refuse a call locally.
///
/// A client's interceptors form a chain in the order given: the first runs outermost, and
/// each calls `next` to continue toward the transport. An interceptor may:
/// - change ``ClientCallHead/metadata`` and ``ClientCallHead/options`` before calling `next`;
/// - end the call early by throwing an ``RPCError`` instead of calling `next`: the caller
///   gets that error and no stream is opened (no connection is made for it);
/// - read the response headers and trailers in the returned ``ClientCallOutcome``, and catch
///   the ``RPCError`` `next` throws to see a failed call's status or replace it;
/// - call `next` again (to retry) or not at all.
///
/// `next` returns once the call has ended: for unary calls, with the response the caller
/// receives (changes to the outcome's metadata and message reach the caller); for the
/// streaming kinds, after the caller's response handling returned, so the outcome reports
/// the headers and trailers it saw.
///
/// The call's deadline is resolved before the first interceptor runs, so time spent in
/// interceptors counts toward it; the call itself (inside the innermost `next`) fails with
/// DEADLINE_EXCEEDED when it passes.
public protocol ClientInterceptor: Sendable {
    /// Intercepts one call.
    ///
    /// - Throws: ``RPCError``: the one `next` threw, or one of the interceptor's own, which
    ///   ends the call with that status.
    func intercept<Value: Sendable>(
        call: ClientCallHead,
        next: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
    ) async throws(RPCError) -> ClientCallOutcome<Value>
}

/// A client call as interceptors see it before it starts.
public struct ClientCallHead: Sendable {
    /// The method called.
    public let descriptor: MethodDescriptor
    /// The request metadata to send.
    public var metadata: Metadata
    /// The call's options; ``CallOptions/deadline`` is already resolved from the timeout.
    public var options: CallOptions

    /// Creates a call head.
    public init(descriptor: MethodDescriptor, metadata: Metadata, options: CallOptions) {
        self.descriptor = descriptor
        self.metadata = metadata
        self.options = options
    }
}

/// How a client call that reached its end without an ``RPCError`` ended, as interceptors
/// see it.
public struct ClientCallOutcome<Value: Sendable>: Sendable {
    /// The response headers' custom metadata (empty for a Trailers-Only response).
    public var metadata: Metadata
    /// What the call produces for its caller: the response message of a unary call, the
    /// result of the caller's response handler otherwise.
    public var value: Value
    /// The trailers' custom metadata (empty when a streaming response was not read to its end).
    public var trailingMetadata: Metadata

    /// Creates an outcome.
    public init(metadata: Metadata, value: Value, trailingMetadata: Metadata) {
        self.metadata = metadata
        self.value = value
        self.trailingMetadata = trailingMetadata
    }
}

/// Runs `innermost` through the interceptors, the first one outermost.
func runClientInterceptors<Value: Sendable>(
    _ interceptors: ArraySlice<any ClientInterceptor>, _ call: ClientCallHead,
    _ innermost: (ClientCallHead) async throws(RPCError) -> ClientCallOutcome<Value>
) async throws(RPCError) -> ClientCallOutcome<Value> {
    guard let first = interceptors.first else { return try await innermost(call) }
    return try await first.intercept(call: call) { call async throws(RPCError) in
        try await runClientInterceptors(interceptors.dropFirst(), call, innermost)
    }
}

/// A server interceptor that lets a call through only when the client's verified certificate
/// (mutual TLS) names one of the allowed identities: a SPIFFE ID or other URI SAN, or a DNS SAN.
///
/// A call without a client certificate fails with UNAUTHENTICATED; one whose certificate names
/// none of them with PERMISSION_DENIED, naming the identity it presented. The handler never runs
/// for either.
///
/// ```swift
/// var router = RPCRouter<HTTP2ServerTransport>(interceptors: [
///     PeerIdentityAllowList(["spiffe://example.org/ns/prod/sa/task-service"]),
/// ])
/// ```
public struct PeerIdentityAllowList: ServerInterceptor {
    /// The identities let through.
    public let allowed: Set<String>

    /// Lets through clients whose certificate names one of `allowed` as a URI or DNS SAN.
    public init(_ allowed: some Sequence<String>) {
        self.allowed = Set(allowed)
    }

    /// Whether `identity` names an allowed identity.
    public func admits(_ identity: PeerIdentity) -> Bool {
        !allowed.isDisjoint(with: identity.uris) || !allowed.isDisjoint(with: identity.dnsNames)
    }

    /// Runs `next` for an admitted client; throws UNAUTHENTICATED or PERMISSION_DENIED otherwise.
    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard let identity = context.peerIdentity else {
            throw RPCError(code: .unauthenticated, message: "\(context.descriptor) needs a client certificate")
        }
        guard admits(identity) else {
            let presented = identity.spiffeID ?? identity.dnsNames.first ?? identity.subject
            throw RPCError(code: .permissionDenied, message: "\(presented) may not call \(context.descriptor)")
        }
        return try await next(request, context)
    }
}

import RPCCore
import Testing

/// The allow-list interceptor: a client certificate naming an allowed SPIFFE ID or DNS name is
/// let through; none is UNAUTHENTICATED; another is PERMISSION_DENIED; the handler runs only
/// when admitted.
@Suite("Peer identity allow-list")
struct PeerIdentityAllowListTests {
    private let allowList = PeerIdentityAllowList(["spiffe://example.org/ns/prod/sa/task-service", "relay.internal"])
    private let descriptor = MethodDescriptor(service: "pinit.v1.NotificationService", method: "SyncEvents")

    /// Runs the interceptor for a client presenting `identity`; returns whether the handler ran.
    private func call(presenting identity: PeerIdentity?) async throws -> Bool {
        var context = ServerContext(
            descriptor: descriptor, remotePeer: "ipv4:127.0.0.1:1", localPeer: "test", deadline: nil)
        context.peerIdentity = identity
        let request = StreamingServerRequest<Int>(metadata: [:], messages: RPCAsyncSequence(elements: []))
        var ran = false
        _ = try await allowList.intercept(request: request, context: context) { _, _ -> StreamingServerResponse<Int> in
            ran = true
            return StreamingServerResponse { _ in [:] }
        }
        return ran
    }

    @Test("an allowed SPIFFE ID or DNS name reaches the handler")
    func admitted() async throws {
        #expect(
            try await call(
                presenting: PeerIdentity(subject: "CN=task", uris: ["spiffe://example.org/ns/prod/sa/task-service"])))
        #expect(try await call(presenting: PeerIdentity(subject: "CN=relay", dnsNames: ["relay.internal"])))
    }

    @Test("no client certificate: UNAUTHENTICATED; another identity: PERMISSION_DENIED naming it")
    func refused() async throws {
        await #expect {
            try await call(presenting: nil)
        } throws: { ($0 as? RPCError)?.code == .unauthenticated }
        await #expect {
            try await call(
                presenting: PeerIdentity(subject: "CN=x", uris: ["spiffe://example.org/ns/prod/sa/intruder"]))
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .permissionDenied && error.message.contains("spiffe://example.org/ns/prod/sa/intruder")
        }
    }
}

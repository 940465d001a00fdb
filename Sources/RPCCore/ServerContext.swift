/// What a server handler knows about the call it serves, besides the request itself.
///
/// The server transport creates it for each stream. Cancellation reaches a handler as task
/// cancellation: the transport cancels the handler's task when the client resets the stream,
/// and the server cancels it at the deadline.
public struct ServerContext: Sendable {
    /// The method being called.
    public var descriptor: MethodDescriptor
    /// A description of the client, such as `ipv4:127.0.0.1:53122` or `in-process`.
    public var remotePeer: String
    /// A description of the server's end, such as `ipv4:127.0.0.1:50051`.
    public var localPeer: String
    /// When the client's deadline passes (from `grpc-timeout`); `nil` when it set none.
    public var deadline: ContinuousClock.Instant?
    /// The call's message compression: set its ``CallCompression/algorithm`` to compress the
    /// responses (when the client accepts that algorithm), switch it per message, and see
    /// whether the last request message arrived compressed.
    public var compression: CallCompression
    /// Who the client's verified TLS certificate says it is (mutual TLS): subject, SAN DNS
    /// names and URIs (a SPIFFE ID), fingerprint; nil without TLS or without a client certificate.
    public var peerIdentity: PeerIdentity?

    /// The subject of the client's verified TLS certificate in RFC 2253 form, such as
    /// `CN=client,O=Example`; nil without TLS or without a client certificate.
    public var peerCertificateSubject: String? { peerIdentity?.subject }

    /// Creates a context.
    public init(
        descriptor: MethodDescriptor, remotePeer: String, localPeer: String,
        deadline: ContinuousClock.Instant?, compression: CallCompression = CallCompression()
    ) {
        self.descriptor = descriptor
        self.remotePeer = remotePeer
        self.localPeer = localPeer
        self.deadline = deadline
        self.compression = compression
    }

    /// The time left until the deadline (negative once it passed); `nil` with no deadline.
    public var remainingTime: Duration? {
        deadline.map { ContinuousClock.now.duration(to: $0) }
    }

    /// Whether the call has been cancelled (by the client, or by its deadline passing).
    public var isCancelled: Bool { Task.isCancelled }
}

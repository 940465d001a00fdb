import RPCCore

/// Everything a client puts in a request's HEADERS frame, and the header list it makes.
public struct ClientRequestHead: Sendable {
    /// `http` or `https`.
    public var scheme: String
    /// The `:authority`, such as `localhost:50051`.
    public var authority: String
    /// The method called; its ``MethodDescriptor/fullPath`` is the `:path`.
    public var descriptor: MethodDescriptor
    /// The time left for the call, sent as `grpc-timeout`; `nil` sends none.
    public var timeout: Duration?
    /// The `grpc-encoding` of the request messages; `nil` when they are not compressed.
    public var encoding: String?
    /// The encodings the client accepts for responses (`grpc-accept-encoding`), each element
    /// one encoding or a comma-separated list of them; empty sends none.
    public var acceptedEncodings: [String]
    /// The `user-agent`.
    public var userAgent: String
    /// Custom metadata; reserved keys in it are skipped.
    public var metadata: Metadata

    /// Creates a request head.
    public init(
        scheme: String, authority: String, descriptor: MethodDescriptor, timeout: Duration? = nil,
        encoding: String? = nil, acceptedEncodings: [String] = [], userAgent: String = "swift-rpc",
        metadata: Metadata = Metadata()
    ) {
        self.scheme = scheme
        self.authority = authority
        self.descriptor = descriptor
        self.timeout = timeout
        self.encoding = encoding
        self.acceptedEncodings = acceptedEncodings
        self.userAgent = userAgent
        self.metadata = metadata
    }

    /// The header list, pseudo headers first: `:method POST`, `:scheme`, `:path`,
    /// `:authority`, then `content-type: application/grpc`, `te: trailers`, `grpc-timeout`,
    /// `grpc-encoding`, `grpc-accept-encoding`, `user-agent`, and the custom metadata
    /// (`-bin` values base64 without padding).
    public var headerFields: [HeaderField] {
        var fields: [HeaderField] = []
        fields.reserveCapacity(9 + metadata.count)
        fields.append(HeaderField(":method", "POST"))
        fields.append(HeaderField(":scheme", scheme))
        fields.append(HeaderField(":path", descriptor.fullPath))
        fields.append(HeaderField(":authority", authority))
        fields.append(HeaderField("content-type", "application/grpc"))
        fields.append(HeaderField("te", "trailers"))
        if let timeout { fields.append(HeaderField("grpc-timeout", GRPCTimeout.encode(timeout))) }
        if let encoding { fields.append(HeaderField("grpc-encoding", encoding)) }
        if acceptedEncodings.count == 1 {
            // Already joined (as a channel holds it): no string built per request.
            fields.append(HeaderField("grpc-accept-encoding", acceptedEncodings[0]))
        } else if !acceptedEncodings.isEmpty {
            fields.append(HeaderField("grpc-accept-encoding", acceptedEncodings.joined(separator: ",")))
        }
        fields.append(HeaderField("user-agent", userAgent))
        MetadataHeaders.append(metadata, to: &fields)
        return fields
    }
}

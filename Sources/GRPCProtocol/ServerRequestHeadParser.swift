import RPCCore

/// Collects a request's header fields one at a time (as nghttp2's header callback delivers
/// them) and checks them against the gRPC-over-HTTP/2 rules when the block ends.
public struct ServerRequestHeadParser: Sendable {
    private var method: String?
    private var scheme: String?
    private var path: String?
    private var authority: String?
    private var contentType: String?
    private var te: String?
    private var timeout: String?
    private var encoding: String?
    private var userAgent: String?
    private var acceptedEncodings: [String] = []
    private var metadata = Metadata()
    private var violation: RequestRejection?
    private var sawRegularHeader = false

    /// Creates an empty parser.
    public init() {}

    /// Takes one header field of the block.
    public mutating func receive(name: String, value: String) {
        guard violation == nil else { return }
        if name.utf8.first == UInt8(ascii: ":") {
            receivePseudoHeader(name: name, value: value)
            return
        }
        sawRegularHeader = true
        switch name {
        case "content-type": contentType = value
        case "te": te = value
        case "grpc-timeout": timeout = value
        case "grpc-encoding": encoding = value
        case "user-agent": userAgent = value
        case "grpc-accept-encoding":
            acceptedEncodings += value.split(separator: ",").map { String($0.filter { $0 != " " }) }
        default:
            do throws(RPCError) {
                try MetadataHeaders.receive(name: name, value: value, into: &metadata)
            } catch {
                violation = .status(error.status)
            }
        }
    }

    private mutating func receivePseudoHeader(name: String, value: String) {
        guard !sawRegularHeader else {
            violation = .reset(.protocolError, message: "pseudo header \(name) after regular headers")
            return
        }
        let slot: WritableKeyPath<ServerRequestHeadParser, String?>
        switch name {
        case ":method": slot = \.method
        case ":scheme": slot = \.scheme
        case ":path": slot = \.path
        case ":authority": slot = \.authority
        default:
            violation = .reset(.protocolError, message: "unknown request pseudo header \(name)")
            return
        }
        guard self[keyPath: slot] == nil else {
            violation = .reset(.protocolError, message: "duplicate pseudo header \(name)")
            return
        }
        self[keyPath: slot] = value
    }

    /// Checks the collected block, in this order: HTTP/2 pseudo header rules (reset with
    /// PROTOCOL_ERROR), `:method POST` (HTTP 405), `content-type` `application/grpc` or
    /// `application/grpc+…`/`;…` (HTTP 415), `te: trailers`, `grpc-timeout` syntax and binary
    /// metadata (INTERNAL), `grpc-encoding` one that `compression` accepts
    /// (``RequestRejection/unsupportedEncoding(_:acceptEncoding:)``), `:path` shape
    /// (UNIMPLEMENTED).
    public func finish(
        compression: CompressionConfiguration = CompressionConfiguration()
    ) -> Result<ServerRequestHead, RequestRejection> {
        if let violation { return .failure(violation) }
        guard let method, let scheme, let path, !path.isEmpty, !scheme.isEmpty else {
            return .failure(.reset(.protocolError, message: "missing :method, :scheme or :path"))
        }
        guard method == "POST" else {
            return .failure(.httpStatus(405, message: "gRPC requires POST, not \(method)"))
        }
        guard let contentType, Self.isGRPCContentType(contentType) else {
            return .failure(.httpStatus(415, message: "content-type '\(contentType ?? "")' is not application/grpc"))
        }
        guard te == "trailers" else {
            return .failure(.status(Status(code: .internal, message: "te header must be 'trailers'")))
        }
        var parsedTimeout: Duration?
        if let timeout {
            guard let duration = GRPCTimeout.parse(timeout) else {
                return .failure(.status(Status(code: .internal, message: "malformed grpc-timeout '\(timeout)'")))
            }
            parsedTimeout = duration
        }
        var algorithm = CompressionAlgorithm.identity
        if let encoding {
            guard let named = CompressionAlgorithm(name: encoding), compression.accepts(named) else {
                return .failure(.unsupportedEncoding(encoding, acceptEncoding: compression.acceptEncodingHeader))
            }
            algorithm = named
        }
        guard let descriptor = MethodDescriptor(path: path) else {
            return .failure(.status(Status(code: .unimplemented, message: "malformed method path '\(path)'")))
        }
        return .success(
            ServerRequestHead(
                descriptor: descriptor, authority: authority ?? "", timeout: parsedTimeout,
                userAgent: userAgent, acceptedEncodings: acceptedEncodings, encoding: algorithm, metadata: metadata))
    }

    /// Whether a content-type names gRPC: `application/grpc`, optionally followed by
    /// `+subtype` or `;parameters`; case-insensitive.
    public static func isGRPCContentType(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            let prefix: StaticString = "application/grpc"
            guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
            for index in 0..<prefix.utf8CodeUnitCount {
                let byte = bytes[index]
                let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                guard lowered == prefix.utf8Start[index] else { return false }
            }
            guard bytes.count > prefix.utf8CodeUnitCount else { return true }
            let next = bytes[prefix.utf8CodeUnitCount]
            return next == UInt8(ascii: "+") || next == UInt8(ascii: ";")
        }
    }
}

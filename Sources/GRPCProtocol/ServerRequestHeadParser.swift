import RPCCore

/// Collects a request's header fields one at a time (as nghttp2's header callback delivers
/// them) and checks them against the gRPC-over-HTTP/2 rules when the block ends.
///
/// Fields arrive as borrowed bytes: the standard names are recognised from them and only what
/// the checks need is kept (a string for `:path` and `:authority`, offending values for the
/// rejection messages); strings are built for custom metadata only.
public struct ServerRequestHeadParser: Sendable {
    private var sawMethod = false
    /// The `:method` when it is not `POST` (kept for the 405 message).
    private var otherMethod: String?
    private var sawScheme = false
    private var schemeIsEmpty = false
    private var path: String?
    private var authority: String?
    private var sawContentType = false
    /// The `content-type` when it is not gRPC (kept for the 415 message).
    private var otherContentType: String?
    private var teIsTrailers = false
    private var timeout: Duration?
    private var malformedTimeout: String?
    private var encoding: CompressionAlgorithm?
    /// The `grpc-encoding` as sent (kept for the refusal's message).
    private var encodingName: String?
    private var acceptedEncodings = AcceptedEncodings()
    private var metadata = Metadata()
    private var violation: RequestRejection?
    private var sawRegularHeader = false
    private let reusablePath: String?

    /// Creates an empty parser. A `:path` that spells `reusablePath` (such as the previous
    /// request's on the same connection) takes that string instead of building a new one.
    public init(reusingPath reusablePath: String? = nil) {
        self.reusablePath = reusablePath
    }

    /// Takes one header field of the block.
    public mutating func receive(name: String, value: String) {
        var name = name
        var value = value
        name.withUTF8 { name in
            value.withUTF8 { value in receive(name: UnsafeRawBufferPointer(name), value: UnsafeRawBufferPointer(value))
            }
        }
    }

    /// Takes one header field of the block given as borrowed bytes (from nghttp2's `on_header`
    /// callback); invalid UTF-8 in kept values becomes U+FFFD.
    public mutating func receive(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard violation == nil else { return }
        let known = RequestHeaderName(name)
        if name.first == UInt8(ascii: ":") {
            receivePseudoHeader(known, name: name, value: value)
            return
        }
        sawRegularHeader = true
        switch known {
        case .contentType:
            sawContentType = true
            otherContentType = Self.isGRPCContentType(value) ? nil : Self.string(value)
        case .te:
            teIsTrailers = value.spells("trailers")
        case .timeout:
            timeout = GRPCTimeout.parse(value)
            malformedTimeout = timeout == nil ? Self.string(value) : nil
        case .encoding:
            encoding = CompressionAlgorithm(name: value)
            encodingName = Self.string(value)
        case .acceptEncoding:
            acceptedEncodings.insert(listedIn: value)
        case .userAgent:
            break
        default:
            do throws(RPCError) {
                try MetadataHeaders.receive(name: Self.string(name), value: Self.string(value), into: &metadata)
            } catch {
                violation = .status(error.status)
            }
        }
    }

    private mutating func receivePseudoHeader(
        _ known: RequestHeaderName?, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer
    ) {
        guard !sawRegularHeader else {
            violation = .reset(.protocolError, message: "pseudo header \(Self.string(name)) after regular headers")
            return
        }
        let duplicate: Bool
        switch known {
        case .method:
            duplicate = sawMethod
            sawMethod = true
            otherMethod = value.spells("POST") ? nil : Self.string(value)
        case .scheme:
            duplicate = sawScheme
            sawScheme = true
            schemeIsEmpty = value.isEmpty
        case .path:
            duplicate = path != nil
            path = reusablePath(ifSpelledBy: value) ?? Self.string(value)
        case .authority:
            duplicate = authority != nil
            authority = Self.string(value)
        default:
            violation = .reset(.protocolError, message: "unknown request pseudo header \(Self.string(name))")
            return
        }
        if duplicate { violation = .reset(.protocolError, message: "duplicate pseudo header \(Self.string(name))") }
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
        guard sawMethod, sawScheme, let path, !path.isEmpty, !schemeIsEmpty else {
            return .failure(.reset(.protocolError, message: "missing :method, :scheme or :path"))
        }
        if let otherMethod {
            return .failure(.httpStatus(405, message: "gRPC requires POST, not \(otherMethod)"))
        }
        guard sawContentType, otherContentType == nil else {
            return .failure(
                .httpStatus(415, message: "content-type '\(otherContentType ?? "")' is not application/grpc"))
        }
        guard teIsTrailers else {
            return .failure(.status(Status(code: .internal, message: "te header must be 'trailers'")))
        }
        if let malformedTimeout {
            return .failure(.status(Status(code: .internal, message: "malformed grpc-timeout '\(malformedTimeout)'")))
        }
        if let encodingName, encoding.map({ compression.accepts($0) }) != true {
            return .failure(.unsupportedEncoding(encodingName, acceptEncoding: compression.acceptEncodingHeader))
        }
        guard let descriptor = MethodDescriptor(path: path) else {
            return .failure(.status(Status(code: .unimplemented, message: "malformed method path '\(path)'")))
        }
        return .success(
            ServerRequestHead(
                descriptor: descriptor, authority: authority ?? "", timeout: timeout,
                acceptedEncodings: acceptedEncodings, encoding: encoding ?? .identity, metadata: metadata))
    }

    /// Whether a content-type names gRPC: `application/grpc`, optionally followed by
    /// `+subtype` or `;parameters`; case-insensitive.
    public static func isGRPCContentType(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { isGRPCContentType(UnsafeRawBufferPointer($0)) }
    }

    /// Whether content-type bytes name gRPC, by the same rule.
    static func isGRPCContentType(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let prefix: StaticString = "application/grpc"
        guard bytes.startsIgnoringCase(with: prefix) else { return false }
        guard bytes.count > prefix.utf8CodeUnitCount else { return true }
        let next = bytes[prefix.utf8CodeUnitCount]
        return next == UInt8(ascii: "+") || next == UInt8(ascii: ";")
    }

    private func reusablePath(ifSpelledBy bytes: UnsafeRawBufferPointer) -> String? {
        guard var candidate = reusablePath else { return nil }
        return candidate.withUTF8 { UnsafeRawBufferPointer($0).hasSameBytes(as: bytes) } ? candidate : nil
    }

    private static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        HeaderBytes.string(bytes)
    }
}

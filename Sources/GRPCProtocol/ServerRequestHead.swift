import RPCCore

/// A request's HEADERS frame as a server accepted it.
public struct ServerRequestHead: Sendable, Hashable {
    /// The method called, from `:path`.
    public var descriptor: MethodDescriptor
    /// The `:authority` (or empty when absent).
    public var authority: String
    /// The client's `grpc-timeout`, when it sent one.
    public var timeout: Duration?
    /// The encodings the client accepts for responses (`grpc-accept-encoding`).
    public var acceptedEncodings: AcceptedEncodings
    /// The algorithm compressed request messages use (`grpc-encoding`; `identity` when absent).
    public var encoding: CompressionAlgorithm
    /// Custom metadata, reserved keys removed.
    public var metadata: Metadata
}

/// Why a server refuses a request before calling any handler, and how it answers.
public enum RequestRejection: Error, Sendable, Hashable {
    /// Answer with this HTTP status and no gRPC semantics (415 for a content-type that is not
    /// gRPC, 405 for a method other than POST).
    case httpStatus(Int, message: String)
    /// Answer with a Trailers-Only gRPC response carrying this status.
    case status(Status)
    /// The headers break HTTP/2 itself (missing, duplicate or unknown pseudo headers, or
    /// pseudo headers after regular ones): reset the stream with this code.
    case reset(HTTP2ErrorCode, message: String)
    /// The request's `grpc-encoding` names an algorithm the server does not accept: answer
    /// UNIMPLEMENTED with `grpc-accept-encoding` set to `acceptEncoding`.
    case unsupportedEncoding(String, acceptEncoding: String)

    /// The single HEADERS frame (sent with END_STREAM) answering the request, or `nil` for
    /// ``reset(_:message:)``, which is answered with RST_STREAM instead.
    public var responseHeaderFields: [HeaderField]? {
        switch self {
        case .httpStatus(let code, let message):
            return [
                HeaderField(":status", String(code)),
                HeaderField("content-type", "text/plain"),
                HeaderField("grpc-status", String(StatusCode.internal.rawValue)),
                HeaderField("grpc-message", GRPCMessageEncoding.encode(message)),
            ]
        case .status(let status):
            return ServerResponseHeaders.trailersOnly(status: status, metadata: Metadata())
        case .unsupportedEncoding(let name, let acceptEncoding):
            let status = Status(
                code: .unimplemented, message: "grpc-encoding '\(name)' is not supported; accepted: \(acceptEncoding)")
            var fields = ServerResponseHeaders.headers(metadata: Metadata())
            fields.append(HeaderField("grpc-accept-encoding", acceptEncoding))
            return fields + ServerResponseHeaders.trailers(status: status, metadata: Metadata())
        case .reset:
            return nil
        }
    }
}

/// Builds the response header blocks a server sends.
public enum ServerResponseHeaders {
    /// The response headers: `:status 200`, `content-type application/grpc`, then custom metadata.
    public static func headers(metadata: Metadata) -> [HeaderField] {
        var fields = [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")]
        MetadataHeaders.append(metadata, to: &fields)
        return fields
    }

    /// The response headers of a response whose messages are compressed with `encoding`:
    /// as ``headers(metadata:)`` plus `grpc-encoding` and the server's `grpc-accept-encoding`
    /// (both left out for `identity`).
    public static func headers(metadata: Metadata, encoding: CompressionAlgorithm, acceptEncoding: String)
        -> [HeaderField]
    {
        guard encoding != .identity else { return headers(metadata: metadata) }
        var fields = [
            HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
            HeaderField("grpc-encoding", encoding.name), HeaderField("grpc-accept-encoding", acceptEncoding),
        ]
        MetadataHeaders.append(metadata, to: &fields)
        return fields
    }

    /// The trailers: `grpc-status`, `grpc-message` (percent-encoded, omitted when empty),
    /// then custom metadata.
    public static func trailers(status: Status, metadata: Metadata) -> [HeaderField] {
        var fields = [HeaderField("grpc-status", String(status.code.rawValue))]
        if !status.message.isEmpty {
            fields.append(HeaderField("grpc-message", GRPCMessageEncoding.encode(status.message)))
        }
        MetadataHeaders.append(metadata, to: &fields)
        return fields
    }

    /// A Trailers-Only response: the headers and trailers in one HEADERS frame with END_STREAM.
    public static func trailersOnly(status: Status, metadata: Metadata) -> [HeaderField] {
        headers(metadata: Metadata()) + trailers(status: status, metadata: metadata)
    }
}

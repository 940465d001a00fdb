import RPCCore

/// How HTTP-level outcomes become gRPC statuses on the client.
public enum StatusMapping {
    /// The gRPC code for a response whose HTTP status is not 200 and which carries no
    /// `grpc-status` (from the gRPC HTTP-to-gRPC table): 400 INTERNAL, 401 UNAUTHENTICATED,
    /// 403 PERMISSION_DENIED, 404 UNIMPLEMENTED, 429/502/503/504 UNAVAILABLE, others UNKNOWN.
    public static func code(forHTTPStatus status: Int) -> StatusCode {
        switch status {
        case 400: .internal
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .unimplemented
        case 429, 502, 503, 504: .unavailable
        default: .unknown
        }
    }

    /// The gRPC code for a stream reset (RST_STREAM) or ended by GOAWAY with `code`:
    /// REFUSED_STREAM UNAVAILABLE, CANCEL CANCELLED, ENHANCE_YOUR_CALM RESOURCE_EXHAUSTED,
    /// INADEQUATE_SECURITY PERMISSION_DENIED, others INTERNAL.
    public static func code(forHTTP2Error code: HTTP2ErrorCode) -> StatusCode {
        switch code {
        case .refusedStream: .unavailable
        case .cancel: .cancelled
        case .enhanceYourCalm: .resourceExhausted
        case .inadequateSecurity: .permissionDenied
        default: .internal
        }
    }

    /// The status for a stream the server reset with `code`, naming the code.
    public static func status(forReset code: HTTP2ErrorCode) -> Status {
        Status(
            code: self.code(forHTTP2Error: code), message: "stream reset by the server with HTTP/2 error \(code.name)")
    }
}

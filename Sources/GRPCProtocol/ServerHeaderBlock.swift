import RPCCore

/// One header block a server sends: one of the common fixed blocks, which a transport can
/// send from storage built once, or any other block field by field.
public enum ServerHeaderBlock: Sendable, Hashable {
    /// The response headers of a call with no metadata and uncompressed messages:
    /// `:status 200`, `content-type application/grpc`.
    case plainResponseHeaders
    /// The response headers of a call with no metadata whose messages are compressed with
    /// `encoding`, on a server that enables every algorithm (the default): as
    /// ``plainResponseHeaders``, then `grpc-encoding` and `grpc-accept-encoding`
    /// ``everyEncoding``.
    case compressedResponseHeaders(CompressionAlgorithm)
    /// The trailers of a call that succeeded with no message and no metadata: `grpc-status 0`.
    case okTrailers
    /// Any other block.
    case fields([HeaderField])

    /// The `grpc-accept-encoding` of a server that enables every algorithm.
    public static let everyEncoding = "identity,gzip,deflate"

    /// The fields of the block, in order.
    public var fields: [HeaderField] {
        switch self {
        case .plainResponseHeaders: [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")]
        case .compressedResponseHeaders(let encoding):
            ServerResponseHeaders.headers(metadata: Metadata(), encoding: encoding, acceptEncoding: Self.everyEncoding)
        case .okTrailers: [HeaderField("grpc-status", "0")]
        case .fields(let fields): fields
        }
    }

    /// Whether the block begins a response (it carries `:status`): sent at the end of a
    /// stream, it is a Trailers-Only response rather than trailers.
    public var beginsResponse: Bool {
        switch self {
        case .plainResponseHeaders, .compressedResponseHeaders: true
        case .okTrailers: false
        case .fields(let fields): fields.first?.name == ":status"
        }
    }
}

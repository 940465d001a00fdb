/// One header block a server sends: one of the common fixed blocks, which a transport can
/// send from storage built once, or any other block field by field.
public enum ServerHeaderBlock: Sendable, Hashable {
    /// The response headers of a call with no metadata and uncompressed messages:
    /// `:status 200`, `content-type application/grpc`.
    case plainResponseHeaders
    /// The trailers of a call that succeeded with no message and no metadata: `grpc-status 0`.
    case okTrailers
    /// Any other block.
    case fields([HeaderField])

    /// The fields of the block, in order.
    public var fields: [HeaderField] {
        switch self {
        case .plainResponseHeaders: [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")]
        case .okTrailers: [HeaderField("grpc-status", "0")]
        case .fields(let fields): fields
        }
    }

    /// Whether the block begins a response (it carries `:status`): sent at the end of a
    /// stream, it is a Trailers-Only response rather than trailers.
    public var beginsResponse: Bool {
        switch self {
        case .plainResponseHeaders: true
        case .okTrailers: false
        case .fields(let fields): fields.first?.name == ":status"
        }
    }
}

import RPCCore

/// The request metadata keys an interop server echoes back.
public enum EchoedMetadata {
    /// Sent back by the server in its response headers.
    public static let initialKey = "x-grpc-test-echo-initial"
    /// Sent back by the server in its trailers.
    public static let trailingKey = "x-grpc-test-echo-trailing-bin"

    /// The response-header metadata echoing `request`'s ``initialKey`` values.
    static func initial(from request: Metadata) -> Metadata {
        echoing(initialKey, from: request)
    }

    /// The trailer metadata echoing `request`'s ``trailingKey`` values.
    static func trailing(from request: Metadata) -> Metadata {
        echoing(trailingKey, from: request)
    }

    private static func echoing(_ key: String, from request: Metadata) -> Metadata {
        var echoed = Metadata()
        for value in request.values(forKey: key) { echoed.append(value, forKey: key) }
        return echoed
    }
}

/// A gRPC message encoding: how a message marked compressed in its 5-byte prefix was
/// compressed, named in the `grpc-encoding` and `grpc-accept-encoding` headers.
public enum CompressionAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// No compression.
    case identity
    /// gzip (RFC 1952).
    case gzip
    /// deflate in the zlib format (RFC 1950), as HTTP's `deflate` content coding.
    case deflate

    /// The name used in `grpc-encoding` and `grpc-accept-encoding`.
    public var name: String { rawValue }

    /// The algorithm a header names (case-insensitive); `nil` for one this stack lacks.
    public init?(name: some StringProtocol) {
        self.init(rawValue: name.lowercased())
    }
}

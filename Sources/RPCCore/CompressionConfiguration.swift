/// Which message encodings a transport accepts and offers, and which one a server uses for
/// responses when the handler does not choose.
public struct CompressionConfiguration: Sendable, Hashable {
    /// The algorithms accepted on receive and usable on send, in order of preference; the
    /// transport advertises them in `grpc-accept-encoding`. `identity` is always accepted.
    public var enabledAlgorithms: [CompressionAlgorithm]
    /// Servers: the algorithm responses are compressed with unless the handler picks another
    /// through ``ServerContext/compression`` (used only when the client accepts it).
    public var defaultResponseAlgorithm: CompressionAlgorithm

    /// Creates a configuration; by default every algorithm is accepted and responses are
    /// not compressed.
    public init(
        enabledAlgorithms: [CompressionAlgorithm] = CompressionAlgorithm.allCases,
        defaultResponseAlgorithm: CompressionAlgorithm = .identity
    ) {
        self.enabledAlgorithms = enabledAlgorithms
        self.defaultResponseAlgorithm = defaultResponseAlgorithm
    }

    /// Whether messages in `algorithm` are accepted.
    public func accepts(_ algorithm: CompressionAlgorithm) -> Bool {
        algorithm == .identity || enabledAlgorithms.contains(algorithm)
    }

    /// The `grpc-accept-encoding` value: `identity` then the enabled algorithms.
    public var acceptEncodingHeader: String {
        ([CompressionAlgorithm.identity] + enabledAlgorithms.filter { $0 != .identity }).map(\.name).joined(
            separator: ",")
    }
}

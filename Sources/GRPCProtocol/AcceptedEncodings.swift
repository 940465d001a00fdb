import RPCCore

/// The message encodings a client accepts for responses (its `grpc-accept-encoding`), as a
/// set of the algorithms this stack knows; names it lacks are left out.
public struct AcceptedEncodings: Sendable, Hashable {
    private var bits: UInt8 = 0

    /// An empty set.
    public init() {}

    /// The set of `algorithms`.
    public init(_ algorithms: some Sequence<CompressionAlgorithm>) {
        for algorithm in algorithms { insert(algorithm) }
    }

    /// Whether the client accepts `algorithm`.
    public func contains(_ algorithm: CompressionAlgorithm) -> Bool {
        bits & Self.bit(algorithm) != 0
    }

    /// Adds `algorithm`.
    public mutating func insert(_ algorithm: CompressionAlgorithm) {
        bits |= Self.bit(algorithm)
    }

    /// Adds the algorithms a `grpc-accept-encoding` value lists: names separated by `,`,
    /// surrounded by optional spaces, in any case.
    mutating func insert(listedIn value: UnsafeRawBufferPointer) {
        var start = 0
        while start <= value.count {
            var end = start
            while end < value.count, value[end] != UInt8(ascii: ",") { end += 1 }
            var first = start
            var last = end
            while first < last, value[first] == UInt8(ascii: " ") { first += 1 }
            while last > first, value[last - 1] == UInt8(ascii: " ") { last -= 1 }
            if let algorithm = CompressionAlgorithm(name: UnsafeRawBufferPointer(rebasing: value[first..<last])) {
                insert(algorithm)
            }
            start = end + 1
        }
    }

    private static func bit(_ algorithm: CompressionAlgorithm) -> UInt8 {
        switch algorithm {
        case .identity: 1
        case .gzip: 2
        case .deflate: 4
        }
    }
}

extension CompressionAlgorithm {
    /// The algorithm a header's bytes name (case-insensitive); `nil` for one this stack lacks.
    init?(name bytes: UnsafeRawBufferPointer) {
        if bytes.spellsIgnoringCase("identity") {
            self = .identity
        } else if bytes.spellsIgnoringCase("gzip") {
            self = .gzip
        } else if bytes.spellsIgnoringCase("deflate") {
            self = .deflate
        } else {
            return nil
        }
    }
}

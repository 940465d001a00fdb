import Synchronization

/// The message compression of one call, shared by the code making or serving the call and
/// its transport: which algorithm outbound messages use, a per-message switch, and whether
/// the last inbound message arrived compressed.
///
/// A server handler finds it in ``ServerContext/compression``; a client passes one in
/// ``CallOptions/messageCompression`` when it switches compression per message or checks how
/// responses arrived. Use one per call.
public final class CallCompression: Sendable, Hashable {
    private struct State {
        var algorithm: CompressionAlgorithm
        var compressesMessages = true
        var lastReceivedMessageWasCompressed = false
    }

    private let state: Mutex<State>

    /// Creates the compression of a call whose outbound messages use `algorithm`.
    public init(algorithm: CompressionAlgorithm = .identity) {
        state = Mutex(State(algorithm: algorithm))
    }

    /// The algorithm for outbound messages. A server handler sets it before its response
    /// headers are sent (before returning its response); the transport then uses it only
    /// when the client accepts it. Clients take it from ``CallOptions/compression``.
    public var algorithm: CompressionAlgorithm {
        get { state.withLock { $0.algorithm } }
        set { state.withLock { $0.algorithm = newValue } }
    }

    /// Whether the next outbound messages are compressed (true by default); set it to false
    /// before writing a message that must go uncompressed.
    public var compressesMessages: Bool {
        get { state.withLock { $0.compressesMessages } }
        set { state.withLock { $0.compressesMessages = newValue } }
    }

    /// Whether the inbound message most recently handed to the call had the compressed flag
    /// set. Transports set it as they deliver each message.
    public var lastReceivedMessageWasCompressed: Bool {
        get { state.withLock { $0.lastReceivedMessageWasCompressed } }
        set { state.withLock { $0.lastReceivedMessageWasCompressed = newValue } }
    }

    /// Identity: two values are equal when they are the same object.
    public static func == (lhs: CallCompression, rhs: CallCompression) -> Bool { lhs === rhs }

    /// Hashes the object's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

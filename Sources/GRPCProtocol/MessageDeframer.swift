import RPCCore

/// Reassembles length-prefixed gRPC messages from DATA chunks cut anywhere: a message may be
/// split across chunks, and a chunk may hold several messages.
///
/// Pull one message at a time so no intermediate array of messages is allocated:
/// ```
/// var rest = chunk
/// while let message = try deframer.nextMessage(from: &rest) { deliver(message) }
/// ```
/// Only the message being reassembled is buffered, and only after its declared length was
/// checked against the limit, so an oversized message is refused without buffering it.
/// A message with the compressed flag is inflated with the peer's `grpc-encoding` (see
/// ``setEncoding(_:)``), stopping as soon as it would pass the limit.
public struct MessageDeframer: Sendable {
    /// The largest message accepted, in bytes, before and after decompression.
    public let maxMessageSize: Int

    private var prefix: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
    private var prefixCount = 0
    private var message: [UInt8] = []
    private var remaining = 0
    private var inMessage = false
    private var compressed = false
    private var encodingName: String?
    private var encoding: CompressionAlgorithm? = .identity

    /// Whether the message most recently returned had the compressed flag set.
    public private(set) var lastMessageWasCompressed = false

    /// Creates a deframer refusing messages longer than `maxMessageSize` bytes.
    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Takes the peer's `grpc-encoding` (`nil` when it sent none), which compressed messages
    /// are inflated with.
    public mutating func setEncoding(_ name: String?) {
        encodingName = name
        encoding = name.map { CompressionAlgorithm(name: $0) } ?? .identity
    }

    /// Whether part of a message (or of its prefix) has been received but not all of it.
    public var hasPartialMessage: Bool { prefixCount > 0 || inMessage }

    /// Consumes bytes from the front of `chunk` until one message is complete and returns it,
    /// or returns `nil` once `chunk` is used up without completing one (it is then empty).
    ///
    /// - Throws: ``RPCError``: ``StatusCode/internal`` when the compressed flag is set without
    ///   a `grpc-encoding` (or with `identity` or one this stack lacks), is neither 0 nor 1,
    ///   or the message does not inflate; ``StatusCode/resourceExhausted`` when the declared
    ///   length, or the inflated size, exceeds ``maxMessageSize``. The stream cannot continue.
    public mutating func nextMessage(from chunk: inout UnsafeRawBufferPointer) throws(RPCError) -> [UInt8]? {
        while !chunk.isEmpty {
            if !inMessage {
                if prefixCount == 0 && chunk.count >= MessageFramer.prefixSize {
                    try beginMessage(
                        flag: chunk[0],
                        length: chunk.loadUnaligned(fromByteOffset: 1, as: UInt32.self).bigEndian)
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[MessageFramer.prefixSize...])
                } else {
                    appendPrefixByte(chunk[0])
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[1...])
                    if prefixCount == MessageFramer.prefixSize {
                        prefixCount = 0
                        let length =
                            UInt32(prefix.1) << 24 | UInt32(prefix.2) << 16 | UInt32(prefix.3) << 8 | UInt32(prefix.4)
                        try beginMessage(flag: prefix.0, length: length)
                    }
                }
                if inMessage && remaining == 0 { return try completeMessage() }
                continue
            }
            let take = min(remaining, chunk.count)
            message.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<take]))
            chunk = UnsafeRawBufferPointer(rebasing: chunk[take...])
            remaining -= take
            if remaining == 0 { return try completeMessage() }
        }
        return nil
    }

    /// The same as ``nextMessage(from:)-(UnsafeRawBufferPointer)`` for an array; returns every
    /// message the chunk completes.
    public mutating func messages(in chunk: [UInt8]) throws(RPCError) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        let result: Result<Void, RPCError> = chunk.withUnsafeBytes { buffer in
            var rest = buffer
            do throws(RPCError) {
                while let message = try nextMessage(from: &rest) { messages.append(message) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return messages
    }

    /// Checks that the stream did not end in the middle of a message.
    ///
    /// - Throws: ``RPCError`` with ``StatusCode/internal`` when it did.
    public func checkEndOfStream() throws(RPCError) {
        if hasPartialMessage {
            throw RPCError(code: .internal, message: "stream ended in the middle of a length-prefixed message")
        }
    }

    private mutating func appendPrefixByte(_ byte: UInt8) {
        switch prefixCount {
        case 0: prefix.0 = byte
        case 1: prefix.1 = byte
        case 2: prefix.2 = byte
        case 3: prefix.3 = byte
        default: prefix.4 = byte
        }
        prefixCount += 1
    }

    private mutating func beginMessage(flag: UInt8, length: UInt32) throws(RPCError) {
        switch flag {
        case 0: compressed = false
        case 1:
            guard let encoding, encoding != .identity else {
                let named = encodingName.map { "grpc-encoding '\($0)'" } ?? "no grpc-encoding"
                throw RPCError(code: .internal, message: "received a compressed message with \(named)")
            }
            compressed = true
        default:
            throw RPCError(code: .internal, message: "malformed message prefix: compressed flag is \(flag), not 0 or 1")
        }
        guard Int(length) <= maxMessageSize else {
            throw RPCError(
                code: .resourceExhausted,
                message: "received message of \(length) bytes exceeds the limit of \(maxMessageSize) bytes")
        }
        inMessage = true
        remaining = Int(length)
        message = []
        message.reserveCapacity(remaining)
    }

    private mutating func completeMessage() throws(RPCError) -> [UInt8] {
        inMessage = false
        lastMessageWasCompressed = compressed
        defer { message = [] }
        guard compressed, let encoding else { return message }
        do throws(DecompressionError) {
            return try MessageDecompressor.decompress(message, with: encoding, limit: maxMessageSize)
        } catch {
            throw error.rpcError
        }
    }
}

import GRPCProtocol
import RPCCore
import Synchronization

/// Writes a server stream's response parts: headers, length-prefixed messages (compressed
/// as the handler asked through ``ServerContext/compression``, when the client accepts it),
/// trailers (or a single Trailers-Only HEADERS frame when the status comes first).
public struct HTTP2ResponseWriter: ResponseWritingWithoutWaiting {
    /// Writes response parts.
    public typealias Part = ResponsePart

    let stream: HTTP2ServerStream
    let rules: ResponseRules

    /// Writes one part, suspending while the stream's outbound buffer is full.
    ///
    /// - Throws: ``RPCError``: INTERNAL for parts out of order; the stream's end reason
    ///   (CANCELLED for a client reset, UNAVAILABLE for a closed connection) once it ended;
    ///   CANCELLED when the task is cancelled.
    public nonisolated(nonsending) func write(_ part: ResponsePart) async throws(RPCError) {
        guard let (payload, compressed) = try submit(part) else { return }
        if await stream.send(message: payload, compressed: compressed) { return }
        if Task.isCancelled { throw RPCError(code: .cancelled, message: "the handler's task was cancelled") }
        throw stream.closedError
    }

    /// Writes one part without waiting when the caller runs on the stream's loop and a
    /// message fits the outbound buffer; false (nothing written) otherwise.
    ///
    /// - Throws: as ``write(_:)``.
    @usableFromInline
    package func writeWithoutWaiting(_ part: ResponsePart) throws(RPCError) -> Bool {
        if case .message(let bytes) = part, !stream.hasRoomWithoutWaiting(for: bytes.count) { return false }
        guard let (payload, compressed) = try submit(part) else { return true }
        if stream.sendNow(message: payload, compressed: compressed) { return true }
        throw stream.closedError
    }

    /// Orders `part` through the stream's rules and sends headers or trailers at once; returns
    /// a message's payload (compressed as negotiated) for the caller to queue.
    private func submit(_ part: ResponsePart) throws(RPCError) -> (payload: [UInt8], compressed: Bool)? {
        if stream.isClosed { throw stream.closedError }
        var requested = CompressionAlgorithm.identity
        if case .metadata = part { requested = rules.compression.algorithm }
        let (send, encoding) = try rules.machine.withLock { machine throws(RPCError) in
            (try machine.send(part, requestedEncoding: requested), machine.responseEncoding)
        }
        switch send {
        case .headers(let block):
            stream.sendResponseHeaders(block, endStream: false)
        case .message:
            guard case .message(let bytes) = part else { return nil }
            let algorithm = encoding != .identity && rules.compression.compressesMessages ? encoding : .identity
            return (MessageCompressor.compress(bytes, with: algorithm), algorithm != .identity)
        case .endOfStream(let block):
            if block.beginsResponse {
                stream.sendResponseHeaders(block, endStream: true)
            } else {
                stream.finish(trailers: block)
            }
        }
        return nil
    }
}

/// The server stream state machine that orders a stream's response parts, and the call's
/// compression, shared by copies of its writer.
final class ResponseRules: Sendable {
    let machine: Mutex<ServerResponseStateMachine>
    let compression: CallCompression

    init(_ machine: ServerResponseStateMachine, compression: CallCompression) {
        self.machine = Mutex(machine)
        self.compression = compression
    }
}

import GRPCProtocol
import RPCCore
import Synchronization

/// Writes a server stream's response parts: headers, length-prefixed messages (compressed
/// as the handler asked through ``ServerContext/compression``, when the client accepts it),
/// trailers (or a single Trailers-Only HEADERS frame when the status comes first).
public struct HTTP2ResponseWriter: RPCPartWriter {
    /// Writes response parts.
    public typealias Part = ResponsePart

    let stream: HTTP2StreamChannel
    let rules: ResponseRules

    /// Writes one part, suspending while the stream's outbound buffer is full.
    ///
    /// - Throws: ``RPCError``: INTERNAL for parts out of order; the stream's end reason
    ///   (CANCELLED for a client reset, UNAVAILABLE for a closed connection) once it ended;
    ///   CANCELLED when the task is cancelled.
    public nonisolated(nonsending) func write(_ part: ResponsePart) async throws(RPCError) {
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
            guard case .message(let bytes) = part else { return }
            let algorithm = encoding != .identity && rules.compression.compressesMessages ? encoding : .identity
            let payload = algorithm == .identity ? bytes : MessageCompressor.compress(bytes, with: algorithm)
            if await stream.send(message: payload, compressed: algorithm != .identity) { return }
            if Task.isCancelled { throw RPCError(code: .cancelled, message: "the handler's task was cancelled") }
            throw stream.closedError
        case .endOfStream(let block):
            if block.beginsResponse {
                stream.sendResponseHeaders(block, endStream: true)
            } else {
                stream.finish(trailers: block)
            }
        }
    }
}

/// The server stream state machine that orders a stream's response parts, and the call's
/// compression, shared by copies of its writer.
final class ResponseRules: Sendable {
    let machine: Mutex<ServerStreamStateMachine>
    let compression: CallCompression

    init(_ machine: ServerStreamStateMachine, compression: CallCompression) {
        self.machine = Mutex(machine)
        self.compression = compression
    }
}

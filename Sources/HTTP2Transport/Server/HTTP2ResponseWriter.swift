import GRPCProtocol
import RPCCore
import Synchronization

/// Writes a server stream's response parts: headers, length-prefixed messages, trailers
/// (or a single Trailers-Only HEADERS frame when the status comes first).
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
        let send = try rules.machine.withLock { machine throws(RPCError) in try machine.send(part) }
        switch send {
        case .headers(let fields):
            stream.sendResponseHeaders(fields, endStream: false)
        case .message:
            guard case .message(let bytes) = part else { return }
            if await stream.send(MessageFramer.frame(bytes)) { return }
            if Task.isCancelled { throw RPCError(code: .cancelled, message: "the handler's task was cancelled") }
            throw stream.closedError
        case .endOfStream(let fields):
            if fields.first?.name == ":status" {
                stream.sendResponseHeaders(fields, endStream: true)
            } else {
                stream.finish(trailers: fields)
            }
        }
    }
}

/// The server stream state machine that orders a stream's response parts, shared by copies
/// of its writer.
final class ResponseRules: Sendable {
    let machine: Mutex<ServerStreamStateMachine>

    init(_ machine: ServerStreamStateMachine) {
        self.machine = Mutex(machine)
    }
}

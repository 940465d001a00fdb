import GRPCProtocol
import RPCCore

/// Writes a client stream's request parts: the metadata opens the stream (HEADERS), each
/// message is sent length-prefixed in DATA (compressed with ``CallOptions/compression``
/// unless switched off for it), and ``finish()`` ends the request with END_STREAM.
public struct HTTP2RequestWriter: ClosableRPCPartWriter {
    /// Writes request parts.
    public typealias Part = RequestPart

    let call: ClientCall

    /// Writes one part, suspending while the stream's outbound buffer is full.
    ///
    /// - Throws: ``RPCError``: UNAVAILABLE when the stream cannot be opened or the connection
    ///   closed; the reset's status when the server reset the stream; INTERNAL for a message
    ///   before the metadata; CANCELLED when the task is cancelled.
    public nonisolated(nonsending) func write(_ part: RequestPart) async throws(RPCError) {
        switch part {
        case .metadata(let metadata):
            try await call.open(metadata: metadata)
        case .message(let bytes):
            guard let stream = call.openedStream else {
                throw RPCError(code: .internal, message: "request message written before request metadata")
            }
            if stream.isClosed { throw stream.closedError }
            let (payload, compressed) = encoded(bytes)
            if await stream.send(message: payload, compressed: compressed) { return }
            if Task.isCancelled { throw RPCError(code: .cancelled, message: "the calling task was cancelled") }
            throw stream.closedError
        }
    }

    /// A message as it goes out: compressed with the call's next message encoding, if any.
    private func encoded(_ bytes: [UInt8]) -> (payload: [UInt8], compressed: Bool) {
        let algorithm = call.nextMessageEncoding
        return (MessageCompressor.compress(bytes, with: algorithm), algorithm != .identity)
    }

    /// Ends the request stream: the last DATA frame carries END_STREAM (an empty DATA frame
    /// when every message was already sent).
    public nonisolated(nonsending) func finish() async {
        call.openedStream?.finish(trailers: nil)
    }
}

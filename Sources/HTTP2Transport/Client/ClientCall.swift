import GRPCProtocol
import RPCCore
import Synchronization

/// One client call: opens its HTTP/2 stream when the request metadata is written, and lets
/// the response side wait for that stream.
final class ClientCall: Sendable {
    /// Opens the stream (on `picked` while it is usable, else on a connection it gives).
    private let transport: HTTP2ClientTransport
    private let waitForReady: Bool
    private let picked: HTTP2Connection?
    private let head: ClientRequestHead
    private let state = Mutex(State())
    /// The algorithm request messages are compressed with.
    let requestEncoding: CompressionAlgorithm
    /// The caller's handle on the call's compression, when it passed one.
    let compression: CallCompression?

    private struct State {
        var stream: Result<HTTP2StreamChannel, RPCError>?
        var waiters: [UnsafeContinuation<Result<HTTP2StreamChannel, RPCError>, Never>] = []
    }

    /// `transport` gives one of its connections (connecting when needed, waiting for one if
    /// `waitForReady`); `picked`, when given and still usable, is tried first.
    init(
        transport: HTTP2ClientTransport, waitForReady: Bool, picked: HTTP2Connection? = nil,
        head: ClientRequestHead, requestEncoding: CompressionAlgorithm = .identity, compression: CallCompression? = nil
    ) {
        self.transport = transport
        self.waitForReady = waitForReady
        self.picked = picked
        self.head = head
        self.requestEncoding = requestEncoding
        self.compression = compression
    }

    /// The algorithm for the next request message: ``requestEncoding``, unless the caller
    /// switched compression off for it.
    var nextMessageEncoding: CompressionAlgorithm {
        guard requestEncoding != .identity, compression?.compressesMessages ?? true else { return .identity }
        return requestEncoding
    }

    /// The stream, once opened.
    var openedStream: HTTP2StreamChannel? {
        state.withLock { state in
            if case .success(let stream) = state.stream { return stream }
            return nil
        }
    }

    /// Sends the request headers with `metadata`, opening the stream through
    /// ``HTTP2ClientTransport/openStream(waitForReady:picked:_:)``.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when no connection takes the stream, or INTERNAL
    ///   when the metadata was already written.
    nonisolated(nonsending) func open(metadata: Metadata) async throws(RPCError) {
        if state.withLock({ $0.stream != nil }) {
            throw RPCError(code: .internal, message: "request metadata written twice")
        }
        var head = self.head
        head.metadata = metadata
        let fields = head.headerFields
        let result: Result<HTTP2StreamChannel, RPCError>
        do {
            result = .success(
                try await transport.openStream(waitForReady: waitForReady, picked: picked) { connection in
                    let opened = await withUnsafeContinuation { continuation in
                        connection.loop.runOrExecute {
                            continuation.resume(returning: connection.openStream(headers: fields))
                        }
                    }
                    switch opened {
                    case .success(let stream): return .opened(stream)
                    case .failure(let refusal): return .refused(reason: refusal.reason)
                    }
                })
        } catch {
            result = .failure(error)
        }
        settle(result)
        _ = try result.get()
    }

    /// The stream once the metadata was written; fails if opening failed or the call ended.
    nonisolated(nonsending) func stream() async throws(RPCError) -> HTTP2StreamChannel {
        let result = await withUnsafeContinuation { continuation in
            let ready = state.withLock { state -> Result<HTTP2StreamChannel, RPCError>? in
                if let stream = state.stream { return stream }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        return try result.get()
    }

    /// The call's body ended: resets the stream with CANCEL unless it already closed, and
    /// fails a response reader still waiting for a stream that was never opened.
    func end() {
        if let stream = openedStream {
            if !stream.isClosed { stream.reset(code: HTTP2ErrorCode.cancel.rawValue) }
        } else {
            settle(.failure(RPCError(code: .cancelled, message: "the call ended before sending its metadata")))
        }
    }

    private func settle(_ result: Result<HTTP2StreamChannel, RPCError>) {
        let waiters = state.withLock { state in
            if state.stream == nil { state.stream = result }
            defer { state.waiters = [] }
            return state.waiters
        }
        let settled = state.withLock { $0.stream! }
        for waiter in waiters { waiter.resume(returning: settled) }
    }
}

import GRPCProtocol
import RPCCore

/// A client stream carrying one unary exchange (``HTTP2ClientTransport/exchangeUnary(descriptor:options:metadata:message:)``):
/// the request goes out in one loop job and the response is collected on the loop, so the
/// calling task waits once and never runs on the loop. Loop thread only.
extension HTTP2StreamChannel {
    /// Opens the stream with `headers` (a usual block comes from the connection's
    /// ``HTTP2Connection/requestHeaderBlocks``), queues `message` (its gRPC prefix flagged
    /// `compressed`) and the end of the request, and collects the response for `caller`.
    /// Resumes `caller` at once when the connection refuses the stream or the call was
    /// cancelled before it started.
    func startUnary(
        headers: UnaryRequestHeaders, message: [UInt8], compressed: Bool, maxReceiveMessageSize: Int,
        caller: UnsafeContinuation<UnaryExchangeOutcome, Never>
    ) {
        guard !unaryCancelledEarly else { return caller.resume(returning: .failed(Self.callerCancelled)) }
        isUnaryExchange = true
        let refused: HTTP2StreamOpenError?
        switch headers {
        case .usual(let transport, let descriptor):
            let block = connection.requestHeaderBlocks.block(forPath: descriptor.fullPath) {
                transport.requestHead(descriptor, CallOptions()).headerFields
            }
            refused = block.withNameValues { connection.open(self, nameValues: $0, count: $1) }
        case .fields(let fields):
            refused = connection.open(self, headers: fields)
        }
        if let refused { return caller.resume(returning: .refused(reason: refused.reason)) }
        unaryResponse = UnaryResponseCollector(maxReceiveMessageSize: maxReceiveMessageSize, caller: caller)
        _ = sendNow(message: message, compressed: compressed)
        finish(trailers: nil)
    }

    /// The calling task was cancelled: ends the exchange with CANCELLED and resets the stream
    /// (CANCEL) so the server sees it; before the exchange started, it will not start.
    func cancelUnary() {
        guard isUnaryExchange else {
            unaryCancelledEarly = true
            return
        }
        complete(.failed(Self.callerCancelled), reset: .cancel)
    }

    /// Feeds one stream event (the end, a reset, a lost connection) to the exchange's response.
    func takeUnary(_ event: HTTP2StreamEvent) {
        guard unaryResponse != nil else { return }
        let action: ClientResponseAction
        switch event {
        case .end: action = unaryResponse!.machine.receiveEndOfStream()
        case .reset(let code): action = unaryResponse!.machine.receiveReset(HTTP2ErrorCode(rawValue: code))
        case .connectionClosed(let reason): action = unaryResponse!.machine.receiveConnectionClosed(reason)
        case .headers, .data, .message, .malformed, .cancelled:
            return // header blocks and DATA arrive through their own methods
        }
        take(action)
    }

    /// A header block of the exchange's response ended (its fields went to the collector).
    func takeUnaryHeaderBlockEnd(endStream: Bool) {
        guard unaryResponse != nil else { return }
        take(unaryResponse!.machine.endHeaders(endStream: endStream))
    }

    /// Feeds a DATA payload to the exchange's response, and returns its window at once if the
    /// response is still incomplete (nghttp2 only books it there, inside its callback; a
    /// WINDOW_UPDATE goes out once half the window is used).
    func takeUnaryData(_ bytes: UnsafeBufferPointer<UInt8>) {
        var chunk = UnsafeRawBufferPointer(bytes)
        while unaryResponse != nil {
            let action = unaryResponse!.machine.receiveData(&chunk)
            if action == .none { break }
            take(action)
        }
        // A complete response closes or resets the stream, which returns the window.
        let count = bytes.count
        if unaryResponse != nil, count > 0 { consume(count) }
    }

    /// Takes the response state machine's action: completes the exchange once it has an outcome.
    private func take(_ action: ClientResponseAction) {
        if let (outcome, reset) = unaryResponse?.finish(action) { complete(outcome, reset: reset) }
    }

    /// Resumes the caller with `outcome`, once. Resets the stream with `reset`, or with CANCEL
    /// when it is still open and the request has not all been sent (the server answered
    /// early), so neither side waits for the other.
    private func complete(_ outcome: UnaryExchangeOutcome, reset code: HTTP2ErrorCode?) {
        guard let collector = unaryResponse.take() else { return }
        if let code {
            reset(code: code.rawValue)
        } else if !outboundEnded, !isClosed {
            reset(code: HTTP2ErrorCode.cancel.rawValue)
        }
        collector.caller.resume(returning: outcome)
    }

    private static let callerCancelled = RPCError(code: .cancelled, message: "the calling task was cancelled")
}

/// The request headers of a unary exchange.
enum UnaryRequestHeaders: Sendable {
    /// Only the channel's usual fields and the method's path (no timeout, compression or
    /// metadata): the same block for every such call of the method, built once per connection.
    case usual(HTTP2ClientTransport, MethodDescriptor)
    /// Fields of the call's own.
    case fields([HeaderField])
}

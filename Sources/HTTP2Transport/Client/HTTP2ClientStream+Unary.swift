import GRPCProtocol
import RPCCore

/// How a unary exchange ended, as its caller learns it: the whole response with an OK status;
/// the call's failure (the server's status, or one made from a reset, a lost connection, a
/// protocol violation or the caller's cancellation); or a refusal of the stream that the
/// server never processed, which ``HTTP2ClientTransport/openStream(waitForReady:picked:_:)``
/// reports as such.
typealias UnaryExchangeOutcome = StreamOpenAttempt<UnaryResponseAssembler.Response>

/// The caller of a unary exchange, as its stream (``HTTP2ClientStream/Delivery/whole``) knows it.
enum UnaryCaller {
    /// The exchange has not started.
    case notStarted
    /// The caller was cancelled before the exchange started: it will not start.
    case cancelledBeforeStart
    /// The caller waits for the response.
    case waiting(UnsafeContinuation<UnaryExchangeOutcome, Never>)
    /// The caller was resumed.
    case resumed
}

/// The unary mode of a client stream
/// (``HTTP2ClientTransport/exchangeUnary(descriptor:options:metadata:message:)``): the request
/// goes out in one loop job and the response is collected on the loop, so the calling task
/// waits once and never runs on the loop. Loop thread only.
extension HTTP2ClientStream {
    /// Opens the stream with `headers` (a usual block comes from the connection's
    /// ``HTTP2Connection/requestHeaderBlocks``), queues `message` (its gRPC prefix flagged
    /// `compressed`) and the end of the request, and collects the response for `caller`.
    /// Resumes `caller` at once when the connection refuses the stream or the call was
    /// cancelled before it started.
    func startUnary(
        headers: UnaryRequestHeaders, message: [UInt8], compressed: Bool,
        caller: UnsafeContinuation<UnaryExchangeOutcome, Never>
    ) {
        guard case .notStarted = self.caller else { return caller.resume(returning: .failed(Self.callerCancelled)) }
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
        self.caller = .waiting(caller)
        _ = sendNow(message: message, compressed: compressed)
        finish(trailers: nil)
    }

    /// The calling task was cancelled: ends the exchange with CANCELLED and resets the stream
    /// (CANCEL) so the server sees it; before the exchange started, it will not start.
    func cancelUnary() {
        switch caller {
        case .notStarted: caller = .cancelledBeforeStart
        case .waiting: complete(.failed(Self.callerCancelled), reset: .cancel)
        case .cancelledBeforeStart, .resumed: break
        }
    }

    /// Takes the state machine's next action while the caller waits: the parts go to the
    /// ``assembler``, and the caller is resumed once the response is complete or has failed.
    func collect(_ action: ClientResponseAction) {
        guard case .waiting = caller else { return }
        switch action {
        case .none:
            return
        case .fail(let status, let reset):
            var error = RPCError(code: status.code, message: status.message)
            error.responseStarted = assembler.receivedHeaders
            complete(.failed(error), reset: reset)
        case .refused(let status):
            complete(.refused(reason: status.message), reset: nil)
        case .part(let part):
            do throws(RPCError) {
                guard let response = try assembler.take(part) else { return }
                complete(.opened(response), reset: nil)
            } catch {
                complete(.failed(error), reset: nil)
            }
        }
    }

    /// Resumes the caller with `outcome`, once. Resets the stream with `reset`, or with CANCEL
    /// when it is still open and the request has not all been sent (the server answered
    /// early), so neither side waits for the other.
    private func complete(_ outcome: UnaryExchangeOutcome, reset code: HTTP2ErrorCode?) {
        guard case .waiting(let waiting) = caller else { return }
        caller = .resumed
        if let code {
            reset(code: code.rawValue)
        } else if !outboundEnded, !isClosed {
            reset(code: HTTP2ErrorCode.cancel.rawValue)
        }
        waiting.resume(returning: outcome)
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

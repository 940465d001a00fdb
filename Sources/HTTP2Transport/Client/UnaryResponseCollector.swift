import GRPCProtocol
import RPCCore

/// How a unary exchange ended, as its caller learns it: the whole response with an OK status;
/// the call's failure (the server's status, or one made from a reset, a lost connection, a
/// protocol violation or the caller's cancellation); or a refusal of the stream that the
/// server never processed, which ``HTTP2ClientTransport/openStream(waitForReady:picked:_:)``
/// reports as such.
typealias UnaryExchangeOutcome = StreamOpenAttempt<UnaryResponseAssembler.Response>

/// A unary call's response, assembled on its connection's loop from the stream's events as
/// they arrive: the response state machine's parts go to a ``UnaryResponseAssembler``, and
/// the caller is resumed once, with the whole response or the reason there is none.
///
/// A class, so that a stream holds only a reference to it: every stream (server streams
/// included) would otherwise carry the state machine's few hundred bytes. Loop thread only.
final class UnaryResponseCollector {
    // Unchecked exclusivity: one thread, no overlapping accesses; the dynamic checks would
    // cost more than the work on every frame.
    /// The response state machine the stream's header fields, DATA, end and reset go to.
    @exclusivity(unchecked) var machine: ClientResponseStateMachine
    @exclusivity(unchecked) private var assembler = UnaryResponseAssembler()
    /// The waiting caller.
    let caller: UnsafeContinuation<UnaryExchangeOutcome, Never>

    /// Collects a response whose message may be up to `maxReceiveMessageSize` bytes for `caller`.
    init(maxReceiveMessageSize: Int, caller: UnsafeContinuation<UnaryExchangeOutcome, Never>) {
        machine = ClientResponseStateMachine(maxReceiveMessageSize: maxReceiveMessageSize)
        self.caller = caller
    }

    /// Takes the state machine's next action: the exchange's outcome once the response is
    /// complete or has failed, with the reset a protocol violation calls for; nil while more
    /// must arrive.
    func finish(_ action: ClientResponseAction) -> (outcome: UnaryExchangeOutcome, reset: HTTP2ErrorCode?)? {
        switch action {
        case .none:
            return nil
        case .fail(let status, let reset):
            var error = RPCError(code: status.code, message: status.message)
            error.responseStarted = assembler.receivedHeaders
            return (.failed(error), reset)
        case .refused(let status):
            return (.refused(reason: status.message), nil)
        case .part(let part):
            do throws(RPCError) {
                guard let response = try assembler.take(part) else { return nil }
                return (.opened(response), nil)
            } catch {
                return (.failed(error), nil)
            }
        }
    }
}

import RPCCore

/// The client's view of one response stream: turns HEADERS, DATA, RST_STREAM and the loss of
/// the connection into response parts, applying the gRPC-over-HTTP/2 rules. Both of the HTTP/2
/// transport's client readers run it: the streaming one in the calling task, the unary
/// exchange's collector on the connection's loop.
///
/// Feed header fields one at a time with ``receiveHeader(name:value:)`` and close each block
/// with ``endHeaders(endStream:)``; feed DATA with ``receiveData(_:)`` until it returns
/// ``ClientResponseAction/none``. Once a final status was produced, every later event returns
/// ``ClientResponseAction/none``.
public struct ClientResponseStateMachine: Sendable {
    private enum Phase: Sendable {
        case awaitingHeaders
        case receivingMessages
        case finished
    }

    private var phase = Phase.awaitingHeaders
    /// The header block being received (``receiveHeader(name:value:)``, with strings or bytes).
    var block = ResponseHeaderBlock()
    private var deframer: MessageDeframer

    /// Creates a state machine for a call accepting messages up to `maxReceiveMessageSize` bytes.
    public init(maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize) {
        deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
    }

    /// Whether the response message most recently returned arrived compressed.
    public var lastMessageWasCompressed: Bool { deframer.lastMessageWasCompressed }

    /// Whether the final status has been produced.
    public var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    /// Takes one header field of the current block.
    public mutating func receiveHeader(name: String, value: String) {
        guard !isFinished else { return }
        block.receive(name: name, value: value)
    }

    /// Ends the current header block (`endStream`: the frame carried END_STREAM).
    ///
    /// The first block must carry `:status 200` and a gRPC content-type and becomes
    /// ``ResponsePart/metadata(_:)`` (its `grpc-encoding` inflates the compressed messages
    /// that follow), unless it carries `grpc-status` (Trailers-Only: the
    /// status, taken as is); a non-200 status without `grpc-status` maps by the HTTP table;
    /// 1xx blocks are skipped. A later block is the trailers: ``ResponsePart/status(_:_:)``,
    /// UNKNOWN when `grpc-status` is missing, INTERNAL when a message was cut short.
    public mutating func endHeaders(endStream: Bool) -> ClientResponseAction {
        defer { block = ResponseHeaderBlock() }
        switch phase {
        case .finished:
            return .none
        case .awaitingHeaders:
            return endFirstBlock(endStream: endStream)
        case .receivingMessages:
            phase = .finished
            do throws(RPCError) {
                try deframer.checkEndOfStream()
            } catch {
                return .part(.status(error.status, block.metadata))
            }
            return .part(.status(block.status(missing: "trailers without grpc-status"), block.metadata))
        }
    }

    private mutating func endFirstBlock(endStream: Bool) -> ClientResponseAction {
        if block.grpcStatus != nil {
            phase = .finished
            return .part(.status(block.status(missing: ""), block.metadata))
        }
        guard let httpStatus = block.httpStatus else {
            return finish(
                Status(code: .internal, message: "response headers without a valid :status"), endStream,
                reset: .protocolError)
        }
        if (100..<200).contains(httpStatus) && !endStream { return .none }
        guard httpStatus == 200 else {
            let code = StatusMapping.code(forHTTPStatus: httpStatus)
            return finish(
                Status(code: code, message: "HTTP status \(httpStatus) without grpc-status"), endStream, reset: .cancel)
        }
        guard let contentType = block.contentType, ServerRequestHeadParser.isGRPCContentType(contentType) else {
            let message = "unexpected content-type '\(block.contentType ?? "")' in a response"
            return finish(Status(code: .unknown, message: message), endStream, reset: .cancel)
        }
        if let error = block.metadataError { return finish(error.status, endStream, reset: .cancel) }
        if endStream {
            phase = .finished
            return .part(.status(Status(code: .unknown, message: "response ended without grpc-status"), block.metadata))
        }
        phase = .receivingMessages
        deframer.setEncoding(block.encoding)
        return .part(.metadata(block.metadata))
    }

    private mutating func finish(_ status: Status, _ endStream: Bool, reset: HTTP2ErrorCode) -> ClientResponseAction {
        phase = .finished
        return endStream ? .part(.status(status, Metadata())) : .fail(status, reset: reset)
    }

    /// Consumes DATA bytes from the front of `chunk`, returning the next complete message;
    /// call again while it returns anything but ``ClientResponseAction/none``.
    ///
    /// Fails with INTERNAL (DATA before headers, a malformed message prefix, a compressed
    /// message without a usable `grpc-encoding` or that does not inflate) or
    /// RESOURCE_EXHAUSTED (a message over the receive limit, refused before it is buffered,
    /// or inflating past it, refused as soon as it does).
    public mutating func receiveData(_ chunk: inout UnsafeRawBufferPointer) -> ClientResponseAction {
        switch phase {
        case .finished:
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            return .none
        case .awaitingHeaders:
            guard !chunk.isEmpty else { return .none }
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            phase = .finished
            return .fail(
                Status(code: .internal, message: "DATA received before response headers"), reset: .protocolError)
        case .receivingMessages:
            do throws(RPCError) {
                guard let message = try deframer.nextMessage(from: &chunk) else { return .none }
                return .part(.message(message))
            } catch {
                chunk = UnsafeRawBufferPointer(start: nil, count: 0)
                phase = .finished
                return .fail(error.status, reset: .cancel)
            }
        }
    }

    /// Every action a DATA chunk given as an array produces, in order (for tests and callers
    /// holding arrays).
    public mutating func receiveData(_ bytes: [UInt8]) -> [ClientResponseAction] {
        bytes.withUnsafeBytes { buffer in
            var rest = buffer
            var actions: [ClientResponseAction] = []
            while case let action = receiveData(&rest), action != .none { actions.append(action) }
            return actions
        }
    }

    /// The server ended the stream on a DATA frame, without trailers: INTERNAL.
    public mutating func receiveEndOfStream() -> ClientResponseAction {
        guard !isFinished else { return .none }
        phase = .finished
        return .part(.status(Status(code: .internal, message: "response stream ended without trailers"), Metadata()))
    }

    /// The server reset the stream (RST_STREAM with `code`): the code's status.
    /// A REFUSED_STREAM before any response header is ``ClientResponseAction/refused(_:)``.
    public mutating func receiveReset(_ code: HTTP2ErrorCode) -> ClientResponseAction {
        guard !isFinished else { return .none }
        let refusedUnseen = code == .refusedStream && phase == .awaitingHeaders
        phase = .finished
        let status = StatusMapping.status(forReset: code)
        return refusedUnseen ? .refused(status) : .part(.status(status, Metadata()))
    }

    /// The connection closed before the stream ended (`reason` says why): UNAVAILABLE, since
    /// the call may be retried. (Streams a GOAWAY left unprocessed are closed by nghttp2 with
    /// REFUSED_STREAM and arrive through ``receiveReset(_:)``.)
    public mutating func receiveConnectionClosed(_ reason: String) -> ClientResponseAction {
        guard !isFinished else { return .none }
        phase = .finished
        return .part(.status(Status(code: .unavailable, message: reason), Metadata()))
    }
}

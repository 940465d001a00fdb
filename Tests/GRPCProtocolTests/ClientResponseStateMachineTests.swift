import Testing
import RPCCore
import GRPCProtocol

@Suite("client response state machine")
struct ClientResponseStateMachineTests {
    static let okHeaders = [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")]

    @Test("headers, messages and trailers become metadata, messages and status with trailing metadata")
    func normalResponse() {
        var machine = ClientResponseStateMachine()
        #expect(feed(&machine, Self.okHeaders + [HeaderField("x-id", "1")]) == .part(.metadata(["x-id": "1"])))
        #expect(
            machine.receiveData(MessageFramer.frame([1]) + MessageFramer.frame([2, 3])) == [
                .part(.message([1])), .part(.message([2, 3])),
            ])
        let trailers = [
            HeaderField("grpc-status", "5"), HeaderField("grpc-message", "no%20such"), HeaderField("t-bin", "AQ"),
        ]
        #expect(
            feed(&machine, trailers, endStream: true)
                == .part(.status(Status(code: .notFound, message: "no such"), ["t-bin": .binary([1])])))
        #expect(machine.isFinished)
    }

    @Test("Trailers-Only: grpc-status in the first header block is the final status")
    func trailersOnly() {
        var machine = ClientResponseStateMachine()
        let block =
            Self.okHeaders + [
                HeaderField("grpc-status", "12"), HeaderField("grpc-message", "nope"), HeaderField("x", "y"),
            ]
        #expect(
            feed(&machine, block, endStream: true)
                == .part(.status(Status(code: .unimplemented, message: "nope"), ["x": "y"])))
        #expect(machine.isFinished)
    }

    @Test("grpc-status wins over a non-200 HTTP status")
    func grpcStatusWinsOverHTTPStatus() {
        var machine = ClientResponseStateMachine()
        let block = [HeaderField(":status", "503"), HeaderField("grpc-status", "7")]
        #expect(feed(&machine, block, endStream: true) == .part(.status(Status(code: .permissionDenied), [:])))
    }

    @Test("a non-200 HTTP status without grpc-status maps by the HTTP-to-gRPC table")
    func httpStatusTable() {
        let table: [(Int, StatusCode)] = [
            (400, .internal), (401, .unauthenticated), (403, .permissionDenied), (404, .unimplemented),
            (429, .unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable),
            (500, .unknown), (418, .unknown), (301, .unknown),
        ]
        for (http, grpc) in table {
            var machine = ClientResponseStateMachine()
            let action = feed(&machine, [HeaderField(":status", String(http))], endStream: true)
            #expect(action.status?.code == grpc, "HTTP \(http)")
            #expect(action.status?.message.contains(String(http)) == true)
        }
    }

    @Test("a non-200 HTTP status on an open stream fails the call and resets the stream")
    func httpErrorOnOpenStreamResets() {
        var machine = ClientResponseStateMachine()
        #expect(
            feed(&machine, [HeaderField(":status", "404")])
                == .fail(Status(code: .unimplemented, message: "HTTP status 404 without grpc-status"), reset: .cancel))
    }

    @Test("a missing :status is INTERNAL with a PROTOCOL_ERROR reset")
    func missingStatusIsInternal() {
        var machine = ClientResponseStateMachine()
        #expect(
            feed(&machine, [HeaderField("content-type", "application/grpc")]).failure
                == ClientResponseAction.Failure(code: .internal, reset: .protocolError))
    }

    @Test("1xx informational header blocks are skipped")
    func informationalSkipped() {
        var machine = ClientResponseStateMachine()
        #expect(feed(&machine, [HeaderField(":status", "100")]) == .none)
        #expect(feed(&machine, Self.okHeaders) == .part(.metadata([:])))
    }

    @Test("a 200 response with a content-type that is not gRPC is UNKNOWN")
    func wrongContentTypeIsUnknown() {
        var machine = ClientResponseStateMachine()
        let action = feed(&machine, [HeaderField(":status", "200"), HeaderField("content-type", "text/html")])
        #expect(action.failure?.code == .unknown)
    }

    @Test("trailers without grpc-status are UNKNOWN")
    func missingGRPCStatusInTrailersIsUnknown() {
        var machine = ClientResponseStateMachine()
        _ = feed(&machine, Self.okHeaders)
        #expect(feed(&machine, [HeaderField("x", "1")], endStream: true).status?.code == .unknown)
    }

    @Test("a first block ending the stream without grpc-status is UNKNOWN")
    func headersOnlyWithoutStatusIsUnknown() {
        var machine = ClientResponseStateMachine()
        #expect(feed(&machine, Self.okHeaders, endStream: true).status?.code == .unknown)
    }

    @Test("a grpc-status that is not a number is UNKNOWN; numbers beyond 16 are UNKNOWN")
    func malformedGRPCStatus() {
        for value in ["x", "", "17", "-1"] {
            var machine = ClientResponseStateMachine()
            #expect(
                feed(&machine, Self.okHeaders + [HeaderField("grpc-status", value)], endStream: true).status?.code
                    == .unknown)
        }
    }

    @Test("a malformed grpc-message escape is passed through raw")
    func malformedGRPCMessagePassesThrough() {
        var machine = ClientResponseStateMachine()
        let block = Self.okHeaders + [HeaderField("grpc-status", "2"), HeaderField("grpc-message", "50%z")]
        #expect(feed(&machine, block, endStream: true).status?.message == "50%z")
    }

    @Test("the stream ending on DATA without trailers is INTERNAL")
    func endWithoutTrailersIsInternal() {
        var machine = ClientResponseStateMachine()
        _ = feed(&machine, Self.okHeaders)
        #expect(machine.receiveEndOfStream().status?.code == .internal)
        #expect(machine.receiveEndOfStream() == .none)
    }

    @Test("trailers arriving in the middle of a message are INTERNAL")
    func trailersMidMessageIsInternal() {
        var machine = ClientResponseStateMachine()
        _ = feed(&machine, Self.okHeaders)
        _ = machine.receiveData([0, 0, 0, 0, 9, 1])
        #expect(feed(&machine, [HeaderField("grpc-status", "0")], endStream: true).status?.code == .internal)
    }

    @Test("DATA before the response headers is INTERNAL with a PROTOCOL_ERROR reset")
    func dataBeforeHeaders() {
        var machine = ClientResponseStateMachine()
        #expect(
            machine.receiveData([0, 0, 0, 0, 0]).first?.failure
                == ClientResponseAction.Failure(code: .internal, reset: .protocolError))
    }

    @Test("a response message over the receive limit is RESOURCE_EXHAUSTED and resets the stream")
    func oversizedResponseMessage() {
        var machine = ClientResponseStateMachine(maxReceiveMessageSize: 2)
        _ = feed(&machine, Self.okHeaders)
        #expect(
            machine.receiveData(MessageFramer.frame([1, 2, 3])).first?.failure
                == ClientResponseAction.Failure(code: .resourceExhausted, reset: .cancel))
        #expect(machine.isFinished)
    }

    @Test("a compressed response message without negotiated compression is INTERNAL")
    func compressedResponseRejected() {
        var machine = ClientResponseStateMachine()
        _ = feed(&machine, Self.okHeaders)
        #expect(machine.receiveData([1, 0, 0, 0, 1, 0]).first?.failure?.code == .internal)
    }

    @Test("RST_STREAM codes map to statuses naming the HTTP/2 error code")
    func resetCodesMapToStatus() {
        let table: [(HTTP2ErrorCode, StatusCode)] = [
            (.refusedStream, .unavailable), (.cancel, .cancelled), (.enhanceYourCalm, .resourceExhausted),
            (.inadequateSecurity, .permissionDenied), (.noError, .internal), (.protocolError, .internal),
            (.internalError, .internal), (.flowControlError, .internal), (HTTP2ErrorCode(rawValue: 0x99), .internal),
        ]
        for (code, status) in table {
            var machine = ClientResponseStateMachine()
            let action = machine.receiveReset(code)
            #expect(action.status?.code == status, "\(code)")
            #expect(action.status?.message.contains(code.name) == true)
        }
        #expect(HTTP2ErrorCode(rawValue: 0x99).name == "0x99")
    }

    @Test("REFUSED_STREAM before any header is a refusal (transparent retry); after headers, a status")
    func refusedStreamBeforeHeadersIsRefusal() {
        var early = ClientResponseStateMachine()
        guard case .refused(let status) = early.receiveReset(.refusedStream) else {
            Issue.record("REFUSED_STREAM before headers is not a refusal")
            return
        }
        #expect(status.code == .unavailable)
        #expect(early.isFinished)
        var afterHeaders = ClientResponseStateMachine()
        #expect(feed(&afterHeaders, Self.okHeaders) == .part(.metadata([:])))
        #expect(afterHeaders.receiveReset(.refusedStream) == .part(.status(status, [:])))
    }

    @Test("a connection that closed under the stream ends it UNAVAILABLE with the reason, after headers too")
    func connectionClosedIsUnavailable() {
        var early = ClientResponseStateMachine()
        #expect(
            early.receiveConnectionClosed("connection reset")
                == .part(.status(Status(code: .unavailable, message: "connection reset"), [:])))
        #expect(early.isFinished)
        var afterHeaders = ClientResponseStateMachine()
        #expect(feed(&afterHeaders, Self.okHeaders) == .part(.metadata([:])))
        #expect(afterHeaders.receiveConnectionClosed("gone").status?.code == .unavailable)
    }

    @Test("nothing is delivered after the final status")
    func nothingAfterStatus() {
        var machine = ClientResponseStateMachine()
        _ = machine.receiveReset(.cancel)
        #expect(feed(&machine, Self.okHeaders) == .none)
        #expect(machine.receiveData(MessageFramer.frame([1])) == [])
        #expect(machine.receiveConnectionClosed("gone") == .none)
    }

    @Test("invalid base64 in binary response metadata is INTERNAL")
    func invalidBinaryMetadata() {
        var machine = ClientResponseStateMachine()
        #expect(feed(&machine, Self.okHeaders + [HeaderField("x-bin", "!")]).failure?.code == .internal)
    }

    func feed(_ machine: inout ClientResponseStateMachine, _ fields: [HeaderField], endStream: Bool = false)
        -> ClientResponseAction
    {
        for field in fields { machine.receiveHeader(name: field.name, value: field.value) }
        return machine.endHeaders(endStream: endStream)
    }
}

extension ClientResponseAction {
    var status: Status? {
        switch self {
        case .part(.status(let status, _)): status
        case .fail(let status, _): status
        case .refused(let status): status
        default: nil
        }
    }

    struct Failure: Equatable {
        var code: StatusCode
        var reset: HTTP2ErrorCode
    }

    var failure: Failure? {
        if case .fail(let status, let reset) = self { return Failure(code: status.code, reset: reset) }
        return nil
    }
}

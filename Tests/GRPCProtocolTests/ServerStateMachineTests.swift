import Testing
import RPCCore
import GRPCProtocol

@Suite("server request state machine")
struct ServerRequestStateMachineTests {
    static let method = MethodDescriptor(service: "pkg.Echo", method: "Say")

    func accepted(maxReceiveMessageSize: Int = 1024) throws -> ServerRequestStateMachine {
        var machine = ServerRequestStateMachine()
        let head = ClientRequestHead(scheme: "http", authority: "h", descriptor: Self.method, metadata: ["x": "1"])
        for field in head.headerFields { machine.receiveHeader(name: field.name, value: field.value) }
        let request = try machine.endRequestHeaders(
            compression: CompressionConfiguration(), maxReceiveMessageSize: maxReceiveMessageSize
        ).get()
        #expect(request.metadata == ["x": "1"])
        return machine
    }

    @Test("request headers, messages and end of stream become parts")
    func requestPhases() throws {
        var machine = try accepted()
        #expect(machine.isReceivingMessages)
        #expect(try machine.messages(in: MessageFramer.frame([1]) + [0, 0]) == [[1]])
        #expect(try machine.messages(in: [0, 0, 1, 2]) == [[2]])
        #expect(throws: Never.self) { try machine.receiveEndOfStream() }
        #expect(!machine.isReceivingMessages)
    }

    @Test("the request stream ending in the middle of a message is INTERNAL")
    func truncatedRequest() throws {
        var machine = try accepted()
        _ = try machine.messages(in: [0, 0, 0, 0, 4, 1])
        #expect(throws: RPCError.self) { try machine.receiveEndOfStream() }
    }

    @Test("a request message over the limit is RESOURCE_EXHAUSTED, and later DATA is dropped")
    func oversizedRequest() throws {
        var machine = try accepted(maxReceiveMessageSize: 1)
        #expect(statusCode { _ = try machine.messages(in: MessageFramer.frame([1, 2])) } == .resourceExhausted)
        #expect(!machine.isReceivingMessages)
        #expect(try machine.messages(in: MessageFramer.frame([1])) == [])
    }

    @Test("a rejected request's DATA is dropped, and its end checks nothing")
    func rejectedRequestCloses() throws {
        var machine = ServerRequestStateMachine()
        machine.receiveHeader(name: ":method", value: "POST")
        #expect(throws: RequestRejection.self) {
            try machine.endRequestHeaders(compression: CompressionConfiguration(), maxReceiveMessageSize: 1024).get()
        }
        #expect(!machine.isReceivingMessages)
        #expect(try machine.messages(in: MessageFramer.frame([1])) == [])
        #expect(throws: Never.self) { try machine.receiveEndOfStream() }
    }

    @Test("a dropped header block (a field over the ingress limits) is refused with PROTOCOL_ERROR, never accepted")
    func droppedHeaderBlock() throws {
        var machine = ServerRequestStateMachine()
        let head = ClientRequestHead(scheme: "http", authority: "h", descriptor: Self.method)
        for field in head.headerFields { machine.receiveHeader(name: field.name, value: field.value) }
        machine.dropHeaderBlock()
        let result = machine.endRequestHeaders(compression: CompressionConfiguration(), maxReceiveMessageSize: 1024)
        guard case .failure(.reset(let code, _)) = result else {
            Issue.record("expected a reset, got \(result)")
            return
        }
        #expect(code == .protocolError)
        #expect(!machine.isReceivingMessages)
    }

    @Test("a second end of the header block is refused with PROTOCOL_ERROR")
    func secondHeaderBlockEnd() throws {
        var machine = try accepted()
        guard
            case .failure(.reset(let code, _)) = machine.endRequestHeaders(
                compression: CompressionConfiguration(), maxReceiveMessageSize: 1024)
        else {
            Issue.record("a second end of the header block was accepted")
            return
        }
        #expect(code == .protocolError)
    }
}

@Suite("server response state machine")
struct ServerResponseStateMachineTests {
    func accepted() throws -> ServerResponseStateMachine {
        ServerResponseStateMachine(head: try acceptedRequestHead(ServerRequestStateMachineTests.method))
    }

    @Test("response metadata, messages and status become headers, DATA and trailers")
    func normalResponse() throws {
        var machine = try accepted()
        #expect(
            try machine.send(.metadata(["h": "1"]))
                == .headers(
                    .fields([
                        HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                        HeaderField("h", "1"),
                    ])))
        #expect(try machine.send(.message([1])) == .message)
        #expect(
            try machine.send(.status(Status(code: .ok), ["t": "2"]))
                == .endOfStream(
                    .fields([
                        HeaderField("grpc-status", "0"), HeaderField("t", "2"),
                    ])))
    }

    @Test("Trailers-Only when the handler fails before sending anything")
    func trailersOnlyWhenNothingSent() throws {
        var machine = try accepted()
        #expect(
            try machine.send(.status(Status(code: .notFound, message: "gone"), [:]))
                == .endOfStream(
                    .fields([
                        HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                        HeaderField("grpc-status", "5"), HeaderField("grpc-message", "gone"),
                    ])))
    }

    @Test("a call with no metadata and an OK status with no message sends the fixed header and trailer blocks")
    func fixedBlocksForPlainCalls() throws {
        var machine = try accepted()
        let headers = try machine.send(.metadata([:]))
        #expect(headers == .headers(.plainResponseHeaders))
        #expect(
            ServerHeaderBlock.plainResponseHeaders.fields == [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
            ])
        #expect(try machine.send(.message([1])) == .message)
        #expect(try machine.send(.status(.ok, [:])) == .endOfStream(.okTrailers))
        #expect(ServerHeaderBlock.okTrailers.fields == [HeaderField("grpc-status", "0")])
        #expect(ServerHeaderBlock.plainResponseHeaders.beginsResponse && !ServerHeaderBlock.okTrailers.beginsResponse)
        var withMessage = try accepted()
        _ = try withMessage.send(.metadata([:]))
        #expect(
            try withMessage.send(.status(Status(code: .ok, message: "fine"), [:]))
                == .endOfStream(
                    .fields([
                        HeaderField("grpc-status", "0"), HeaderField("grpc-message", "fine"),
                    ])))
    }

    @Test("response parts out of order are INTERNAL")
    func outOfOrderParts() throws {
        var beforeHeaders = try accepted()
        #expect(statusCode { _ = try beforeHeaders.send(.message([1])) } == .internal)
        var twice = try accepted()
        _ = try twice.send(.metadata([:]))
        #expect(statusCode { _ = try twice.send(.metadata([:])) } == .internal)
        var afterStatus = try accepted()
        _ = try afterStatus.send(.status(.ok, [:]))
        #expect(statusCode { _ = try afterStatus.send(.message([1])) } == .internal)
    }

    @Test("reserved keys in handler metadata are not sent")
    func reservedResponseMetadataFiltered() throws {
        var machine = try accepted()
        #expect(
            try machine.send(.metadata(["grpc-status": "0", ":status": "500", "ok": "1"]))
                == .headers(
                    .fields([
                        HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                        HeaderField("ok", "1"),
                    ])))
    }

    @Test("status messages are percent-encoded in grpc-message")
    func statusMessageEncoded() throws {
        var machine = try accepted()
        let send = try machine.send(.status(Status(code: .internal, message: "é\n"), [:]))
        #expect(
            send
                == .endOfStream(
                    .fields(
                        ServerResponseHeaders.trailersOnly(
                            status: Status(code: .internal, message: "é\n"), metadata: [:]))))
        #expect(
            ServerResponseHeaders.trailers(status: Status(code: .internal, message: "é\n"), metadata: [:]).last
                == HeaderField("grpc-message", "%C3%A9%0A"))
    }
}

@Suite("header fields as bytes")
struct HeaderBytesTests {
    @Test("header fields given as borrowed bytes are read like strings, invalid UTF-8 included")
    func bytesLikeStrings() throws {
        var machine = ServerRequestStateMachine()
        let head = ClientRequestHead(
            scheme: "http", authority: "h", descriptor: MethodDescriptor(service: "a.B", method: "C"))
        for field in head.headerFields + [HeaderField("x-raw", "v")] {
            Array(field.name.utf8).withUnsafeBytes { name in
                Array(field.value.utf8).withUnsafeBytes { value in machine.receiveHeader(name: name, value: value) }
            }
        }
        [UInt8]("x-bad".utf8).withUnsafeBytes { name in
            [UInt8]([0x61, 0xFF]).withUnsafeBytes { value in machine.receiveHeader(name: name, value: value) }
        }
        let request = try machine.endRequestHeaders(
            compression: CompressionConfiguration(), maxReceiveMessageSize: 1024
        ).get()
        #expect(request.metadata == ["x-raw": "v", "x-bad": "a\u{FFFD}"])

        var client = ClientResponseStateMachine()
        for (name, value) in [(":status", "200"), ("content-type", "application/grpc")] {
            Array(name.utf8).withUnsafeBytes { name in
                Array(value.utf8).withUnsafeBytes { value in client.receiveHeader(name: name, value: value) }
            }
        }
        #expect(client.endHeaders(endStream: false) == .part(.metadata([:])))
    }

    /// Response header blocks, and whether each ends the stream.
    static let responseBlocks: [(fields: [HeaderField], endStream: Bool)] = [
        (
            [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("x-id", "7"), HeaderField("x-bin", "AAE"),
            ], false
        ),
        (
            [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc+proto"),
                HeaderField("grpc-encoding", "gzip"),
            ], false
        ),
        ([HeaderField(":status", "200"), HeaderField("content-type", "text/html")], false),
        ([HeaderField(":status", "404")], true),
        ([HeaderField(":status", "+200"), HeaderField("content-type", "application/grpc")], false),
        ([HeaderField(":status", "2000000000000"), HeaderField("content-type", "application/grpc")], false),
        (
            [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-status", "0"),
            ], true
        ),
        (
            [
                HeaderField(":status", "200"), HeaderField("grpc-status", "5"),
                HeaderField("grpc-message", "not%20found"), HeaderField("x-k", "v"),
            ], true
        ),
        ([HeaderField(":status", "200"), HeaderField("grpc-status", "abc")], true),
        (
            [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("x-bin", "!"),
            ], false
        ),
    ]

    @Test("response header blocks read from bytes end exactly as when read from strings", arguments: responseBlocks)
    func responseBlocksFromBytes(_ fields: [HeaderField], endStream: Bool) {
        var fromStrings = ClientResponseStateMachine(), fromBytes = ClientResponseStateMachine()
        for field in fields {
            fromStrings.receiveHeader(name: field.name, value: field.value)
            Array(field.name.utf8).withUnsafeBytes { name in
                Array(field.value.utf8).withUnsafeBytes { value in fromBytes.receiveHeader(name: name, value: value) }
            }
        }
        #expect(fromBytes.endHeaders(endStream: endStream) == fromStrings.endHeaders(endStream: endStream))
    }
}

/// The head of a request for `method` with `headers` added to a valid request, as a server
/// that enables what `compression` says accepted it.
func acceptedRequestHead(
    _ method: MethodDescriptor, _ headers: [HeaderField] = [],
    compression: CompressionConfiguration = CompressionConfiguration()
) throws -> ServerRequestHead {
    var machine = ServerRequestStateMachine()
    for field in ClientRequestHead(scheme: "http", authority: "h", descriptor: method).headerFields + headers {
        machine.receiveHeader(name: field.name, value: field.value)
    }
    return try machine.endRequestHeaders(compression: compression, maxReceiveMessageSize: 1 << 20).get()
}

extension ServerRequestStateMachine {
    /// Every request message a DATA chunk given as an array completes.
    mutating func messages(in bytes: [UInt8]) throws -> [[UInt8]] {
        var messages: [[UInt8]] = []
        try bytes.withUnsafeBytes { buffer in
            var rest = buffer
            while let received = try receiveData(&rest) { messages.append(received.message) }
        }
        return messages
    }
}

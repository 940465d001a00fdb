import GRPCProtocol
import RPCCore
import Testing

/// Which encoding each side uses, from the headers both send.
@Suite("Compression negotiation in the stream state machines")
struct CompressionNegotiationTests {
    static let method = MethodDescriptor(service: "a.B", method: "C")

    /// The response side of a server stream that accepted a request with `headers` added to a
    /// valid request.
    func serverStream(
        _ headers: [HeaderField], compression: CompressionConfiguration = CompressionConfiguration()
    ) throws -> ServerResponseStateMachine {
        ServerResponseStateMachine(
            head: try acceptedRequestHead(Self.method, headers, compression: compression), compression: compression)
    }

    func responseHeaders(_ machine: inout ServerResponseStateMachine, requesting algorithm: CompressionAlgorithm) throws
        -> [HeaderField]
    {
        let action = try machine.send(.metadata(Metadata()), requestedEncoding: algorithm)
        guard case .headers(let block) = action else {
            Issue.record("expected a response header block, got \(action)")
            return []
        }
        return block.fields
    }

    @Test("the server compresses responses only with an encoding the client accepts and the server enables")
    func responseEncodingNeedsBothSides() throws {
        var accepted = try serverStream([HeaderField("grpc-accept-encoding", "identity, deflate,gzip")])
        let fields = try responseHeaders(&accepted, requesting: .gzip)
        #expect(accepted.responseEncoding == .gzip)
        #expect(fields.contains(HeaderField("grpc-encoding", "gzip")))
        #expect(fields.contains(HeaderField("grpc-accept-encoding", "identity,gzip,deflate")))

        var notAccepted = try serverStream([HeaderField("grpc-accept-encoding", "identity,deflate")])
        #expect(try !responseHeaders(&notAccepted, requesting: .gzip).contains { $0.name == "grpc-encoding" })
        #expect(notAccepted.responseEncoding == .identity)

        var silent = try serverStream([])
        _ = try responseHeaders(&silent, requesting: .deflate)
        #expect(silent.responseEncoding == .identity)

        var disabled = try serverStream(
            [HeaderField("grpc-accept-encoding", "gzip")],
            compression: CompressionConfiguration(enabledAlgorithms: [.deflate]))
        _ = try responseHeaders(&disabled, requesting: .gzip)
        #expect(disabled.responseEncoding == .identity)
    }

    @Test("a compressed response with no metadata uses the fixed block only when the server enables every algorithm")
    func fixedCompressedHeaders() throws {
        var everything = try serverStream([HeaderField("grpc-accept-encoding", "gzip,deflate")])
        #expect(
            try everything.send(.metadata([:]), requestedEncoding: .deflate)
                == .headers(.compressedResponseHeaders(.deflate)))
        #expect(
            ServerHeaderBlock.compressedResponseHeaders(.gzip).fields
                == ServerResponseHeaders.headers(
                    metadata: [:], encoding: .gzip, acceptEncoding: CompressionConfiguration().acceptEncodingHeader))

        let gzipOnly = CompressionConfiguration(enabledAlgorithms: [.gzip])
        var narrower = try serverStream([HeaderField("grpc-accept-encoding", "gzip")], compression: gzipOnly)
        #expect(
            try narrower.send(.metadata([:]), requestedEncoding: .gzip)
                == .headers(
                    .fields(
                        ServerResponseHeaders.headers(
                            metadata: [:], encoding: .gzip, acceptEncoding: "identity,gzip"))))

        var withMetadata = try serverStream([HeaderField("grpc-accept-encoding", "gzip")])
        guard
            case .headers(.fields(let fields)) = try withMetadata.send(.metadata(["k": "v"]), requestedEncoding: .gzip)
        else {
            Issue.record("response metadata must be sent field by field")
            return
        }
        #expect(fields.last == HeaderField("k", "v"))
    }

    @Test("the server inflates request messages in the request's grpc-encoding")
    func requestEncoding() throws {
        var machine = ServerRequestStateMachine()
        for field in ClientRequestHead(scheme: "http", authority: "h", descriptor: Self.method).headerFields {
            machine.receiveHeader(name: field.name, value: field.value)
        }
        machine.receiveHeader(name: "grpc-encoding", value: "deflate")
        _ = try machine.endRequestHeaders(compression: CompressionConfiguration(), maxReceiveMessageSize: 1 << 20).get()
        let message = MessageCompressionTests.sample
        let received = try MessageFramer.frame(message, compressedWith: .deflate).withUnsafeBytes { bytes in
            var rest = bytes
            return try machine.receiveData(&rest)
        }
        #expect(received?.message == message)
        #expect(received?.compressed == true)
    }

    @Test("the client inflates response messages in the response's grpc-encoding and reports the flag")
    func clientInflatesResponses() {
        var machine = ClientResponseStateMachine()
        for field in [
            HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
            HeaderField("grpc-encoding", "gzip"),
        ] {
            machine.receiveHeader(name: field.name, value: field.value)
        }
        #expect(machine.endHeaders(endStream: false) == .part(.metadata(Metadata())))
        let message = MessageCompressionTests.sample
        #expect(machine.receiveData(MessageFramer.frame(message, compressedWith: .gzip)) == [.part(.message(message))])
        #expect(machine.lastMessageWasCompressed)
        #expect(machine.receiveData(MessageFramer.frame([1])) == [.part(.message([1]))])
        #expect(!machine.lastMessageWasCompressed)
    }

    @Test("a client request names its encoding in grpc-encoding and what it accepts in grpc-accept-encoding")
    func clientHeaders() {
        let head = ClientRequestHead(
            scheme: "http", authority: "h", descriptor: Self.method, encoding: CompressionAlgorithm.deflate.name,
            acceptedEncodings: ["identity", "gzip"])
        #expect(head.headerFields.contains(HeaderField("grpc-encoding", "deflate")))
        #expect(head.headerFields.contains(HeaderField("grpc-accept-encoding", "identity,gzip")))
        #expect(CompressionConfiguration(enabledAlgorithms: [.deflate]).acceptEncodingHeader == "identity,deflate")
        #expect(CompressionAlgorithm(name: "GZip") == .gzip && CompressionAlgorithm(name: "br") == nil)
    }
}

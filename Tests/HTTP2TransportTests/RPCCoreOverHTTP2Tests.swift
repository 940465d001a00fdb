@testable import HTTP2Transport
import ProtoCodec
import RPCCore
import Testing

// Hand-written in the generator's shape. Schema: message Greeting { string text = 1; }
struct Greeting: Message {
    static var protoMessageName: String { "transporttest.Greeting" }
    var text = ""
    var unknownFields = UnknownFields()

    init() {}
    init(_ text: String) { self.text = text }

    func encodedSize() -> Int {
        WireSize.nonDefault(ProtoString.self, text, field: 1) + unknownFields.encodedSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeNonDefault(ProtoString.self, text, field: 1)
        unknownFields.encode(to: &writer)
    }

    mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag.fieldNumber == 1, tag.wireType == .lengthDelimited {
                text = try reader.read(ProtoString.self)
            } else {
                try reader.skipUnknown(tag, into: &unknownFields)
            }
        }
    }
}

@Suite("RPCCore's server and client over the HTTP/2 transports", .timeLimit(.minutes(1)))
struct RPCCoreOverHTTP2Tests {
    private let greet = MethodDescriptor(service: "transporttest.Greeter", method: "Greet")

    @Test("RPCServer and RPCClient complete unary calls, a handler's RPCError and an unknown method over real sockets")
    func unaryCallsThroughTheCore() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        router.registerUnary(greet) { (request: ServerRequest<Greeting>, _) in
            guard !request.message.text.isEmpty else { throw RPCError(code: .invalidArgument, message: "no name") }
            return ServerResponse(message: Greeting("hello \(request.message.text)"))
        }
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(transport: transport, router: router)
        let serving = Task { try await server.serve() }
        let address = try await transport.listeningAddress()
        let client = RPCClient(transport: HTTP2ClientTransport(target: address))

        let reply = try await client.unary(
            request: ClientRequest(message: Greeting("swift")), descriptor: greet, responseType: Greeting.self)
        #expect(reply.message.text == "hello swift")

        let refused = await #expect(throws: RPCError.self) {
            try await client.unary(
                request: ClientRequest(message: Greeting()), descriptor: greet, responseType: Greeting.self)
        }
        #expect(refused?.code == .invalidArgument)
        #expect(refused?.message == "no name")

        let unknown = await #expect(throws: RPCError.self) {
            try await client.unary(
                request: ClientRequest(message: Greeting("x")),
                descriptor: MethodDescriptor(service: "transporttest.Greeter", method: "Nope"),
                responseType: Greeting.self)
        }
        #expect(unknown?.code == .unimplemented)

        server.beginGracefulShutdown()
        try await serving.value
    }
}

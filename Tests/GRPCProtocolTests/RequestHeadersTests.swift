import Testing
import RPCCore
import GRPCProtocol

@Suite("request headers")
struct RequestHeadersTests {
    static let method = MethodDescriptor(service: "pkg.Echo", method: "Say")

    @Test(
        "a client request carries the pseudo headers first, then content-type, te, timeout, encodings, user-agent, metadata"
    )
    func clientHeaderList() {
        let head = ClientRequestHead(
            scheme: "http", authority: "localhost:50051", descriptor: Self.method, timeout: .seconds(1),
            acceptedEncodings: ["identity", "gzip"], userAgent: "swift-rpc/1",
            metadata: ["x-id": "7", "trace-bin": .binary([0xFF]), "grpc-status": "0"])
        #expect(
            head.headerFields == [
                HeaderField(":method", "POST"), HeaderField(":scheme", "http"),
                HeaderField(":path", "/pkg.Echo/Say"), HeaderField(":authority", "localhost:50051"),
                HeaderField("content-type", "application/grpc"), HeaderField("te", "trailers"),
                HeaderField("grpc-timeout", "1000000u"), HeaderField("grpc-accept-encoding", "identity,gzip"),
                HeaderField("user-agent", "swift-rpc/1"), HeaderField("x-id", "7"), HeaderField("trace-bin", "/w"),
            ])
    }

    @Test("a request without a timeout or encodings sends neither header")
    func optionalHeadersOmitted() {
        let names = ClientRequestHead(scheme: "https", authority: "a", descriptor: Self.method).headerFields.map(\.name)
        #expect(
            !names.contains("grpc-timeout") && !names.contains("grpc-encoding")
                && !names.contains("grpc-accept-encoding"))
    }

    @Test("the server accepts what the client builds, metadata and timeout included")
    func serverAcceptsClientHeaders() throws {
        let head = ClientRequestHead(
            scheme: "http", authority: "h", descriptor: Self.method, timeout: .milliseconds(250),
            metadata: ["x-id": "7", "trace-bin": .binary([1, 2, 3])])
        let accepted = try parse(head.headerFields).get()
        #expect(accepted.descriptor == Self.method)
        #expect(accepted.timeout == .milliseconds(250))
        #expect(accepted.metadata == ["x-id": "7", "trace-bin": .binary([1, 2, 3])])
    }

    @Test("content-type application/grpc, +proto, +anything and ;params are accepted")
    func grpcContentTypesAccepted() {
        for type in [
            "application/grpc", "application/grpc+proto", "application/grpc+json", "application/grpc;charset=utf-8",
            "Application/GRPC",
        ] {
            #expect((try? parse(valid(replacing: "content-type", with: type)).get()) != nil, "\(type)")
        }
    }

    @Test("a content-type that is not gRPC is HTTP 415")
    func otherContentTypeIs415() {
        for type in ["application/json", "application/grpcx", "text/plain", "application/grpc-web"] {
            #expect(
                parse(valid(replacing: "content-type", with: type)).rejection
                    == .httpStatus(415, message: "content-type '\(type)' is not application/grpc"))
        }
        #expect(parse(valid(removing: "content-type")).rejection?.httpCode == 415)
    }

    @Test("a method other than POST is HTTP 405")
    func nonPostIs405() {
        #expect(parse(valid(replacing: ":method", with: "GET")).rejection?.httpCode == 405)
    }

    @Test("missing, duplicate, unknown or late pseudo headers reset the stream with PROTOCOL_ERROR")
    func pseudoHeaderViolationsReset() {
        for name in [":method", ":scheme", ":path"] {
            #expect(parse(valid(removing: name)).rejection?.resetCode == .protocolError, "\(name)")
        }
        #expect(parse(valid() + [HeaderField(":path", "/a/b")]).rejection?.resetCode == .protocolError)
        #expect(parse([HeaderField(":protocol", "x")] + valid()).rejection?.resetCode == .protocolError)
        #expect(parse([HeaderField("x", "y")] + valid()).rejection?.resetCode == .protocolError)
    }

    @Test("te must be trailers")
    func teMustBeTrailers() {
        #expect(parse(valid(removing: "te")).rejection?.grpcCode == .internal)
        #expect(parse(valid(replacing: "te", with: "gzip")).rejection?.grpcCode == .internal)
    }

    @Test("a malformed grpc-timeout is INTERNAL")
    func malformedTimeoutIsInternal() {
        #expect(parse(valid() + [HeaderField("grpc-timeout", "1x")]).rejection?.grpcCode == .internal)
    }

    @Test("a grpc-encoding the server lacks is refused, naming what it accepts; known ones are accepted")
    func unsupportedEncodingIsRefused() {
        #expect(
            parse(valid() + [HeaderField("grpc-encoding", "br")]).rejection
                == .unsupportedEncoding("br", acceptEncoding: "identity,gzip,deflate"))
        var parser = ServerRequestHeadParser()
        for field in valid() + [HeaderField("grpc-encoding", "deflate")] {
            parser.receive(name: field.name, value: field.value)
        }
        let gzipOnly = CompressionConfiguration(enabledAlgorithms: [.gzip])
        #expect(
            parser.finish(compression: gzipOnly).rejection
                == .unsupportedEncoding("deflate", acceptEncoding: "identity,gzip"))
        #expect((try? parse(valid() + [HeaderField("grpc-encoding", "identity")]).get())?.encoding == .identity)
        #expect((try? parse(valid() + [HeaderField("grpc-encoding", "GZIP")]).get())?.encoding == .gzip)
        #expect((try? parse(valid() + [HeaderField("grpc-encoding", "deflate")]).get())?.encoding == .deflate)
    }

    @Test("the refusal of an encoding is a Trailers-Only UNIMPLEMENTED carrying grpc-accept-encoding")
    func unsupportedEncodingResponse() {
        let fields =
            RequestRejection.unsupportedEncoding("br", acceptEncoding: "identity,gzip").responseHeaderFields ?? []
        #expect(fields.prefix(2) == [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")])
        #expect(fields.contains(HeaderField("grpc-accept-encoding", "identity,gzip")))
        #expect(fields.contains(HeaderField("grpc-status", "12")))
    }

    @Test(
        "grpc-accept-encoding lists known names in any case, with spaces, over repeated fields; unknown names are left out"
    )
    func acceptEncodingParsed() throws {
        let head = try parse(
            valid() + [
                HeaderField("grpc-accept-encoding", " GZIP ,br,,"), HeaderField("grpc-accept-encoding", "identity"),
            ]
        ).get()
        #expect(head.acceptedEncodings == AcceptedEncodings([.gzip, .identity]))
        #expect(!head.acceptedEncodings.contains(.deflate))
        #expect(try parse(valid()).get().acceptedEncodings == AcceptedEncodings())
    }

    @Test("the last of repeated content-type, te or grpc-timeout fields counts")
    func repeatedRegularHeadersLastWins() throws {
        #expect(parse(valid() + [HeaderField("te", "gzip")]).rejection?.grpcCode == .internal)
        #expect(parse(valid() + [HeaderField("content-type", "text/plain")]).rejection?.httpCode == 415)
        let head = try parse(valid() + [HeaderField("grpc-timeout", "1x"), HeaderField("grpc-timeout", "5S")]).get()
        #expect(head.timeout == .seconds(5))
    }

    @Test("a parser offered a previous path takes it only for a :path spelling exactly that")
    func reusedPathOnlyWhenEqual() throws {
        for (offered, sent) in [
            ("/pkg.Echo/Say", "/pkg.Echo/Say"), ("/pkg.Echo/Say", "/pkg.Echo/Sa"), ("/pkg.Echo/Sa", "/pkg.Echo/Say"),
            ("/a/b", "/no-method"),
        ] {
            var parser = ServerRequestHeadParser(reusingPath: offered)
            for field in valid(replacing: ":path", with: sent) { parser.receive(name: field.name, value: field.value) }
            if let expected = MethodDescriptor(path: sent) {
                #expect(try parser.finish().get().descriptor == expected, "\(offered) \(sent)")
            } else {
                #expect(parser.finish().rejection?.grpcCode == .unimplemented)
            }
        }
    }

    @Test("a malformed :path is UNIMPLEMENTED")
    func malformedPathIsUnimplemented() {
        #expect(parse(valid(replacing: ":path", with: "/no-method")).rejection?.grpcCode == .unimplemented)
    }

    @Test("rejections answer with one header block: HTTP status, or Trailers-Only gRPC status")
    func rejectionResponses() {
        let http = RequestRejection.httpStatus(415, message: "bad")
        #expect(http.responseHeaderFields?.first == HeaderField(":status", "415"))
        let status = RequestRejection.status(Status(code: .unimplemented, message: "100%"))
        #expect(
            status.responseHeaderFields == [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-status", "12"), HeaderField("grpc-message", "100%25"),
            ])
        #expect(RequestRejection.reset(.protocolError, message: "x").responseHeaderFields == nil)
    }

    func valid(replacing name: String? = nil, with value: String = "", removing removed: String? = nil) -> [HeaderField]
    {
        let fields = ClientRequestHead(scheme: "http", authority: "h", descriptor: Self.method).headerFields
        return fields.compactMap { field in
            if field.name == removed { return nil }
            return field.name == name ? HeaderField(field.name, value) : field
        }
    }

    func parse(_ fields: [HeaderField]) -> Result<ServerRequestHead, RequestRejection> {
        var parser = ServerRequestHeadParser()
        for field in fields { parser.receive(name: field.name, value: field.value) }
        return parser.finish()
    }
}

extension Result where Failure == RequestRejection {
    var rejection: RequestRejection? {
        if case .failure(let rejection) = self { return rejection }
        return nil
    }
}

extension RequestRejection {
    var httpCode: Int? {
        if case .httpStatus(let code, _) = self { return code }
        return nil
    }
    var grpcCode: StatusCode? {
        if case .status(let status) = self { return status.code }
        return nil
    }
    var resetCode: HTTP2ErrorCode? {
        if case .reset(let code, _) = self { return code }
        return nil
    }
}

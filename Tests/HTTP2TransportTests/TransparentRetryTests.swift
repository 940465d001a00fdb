import HTTP2Transport
import RPCCore
import Testing

/// An HTTP/2 server on the `h2` library (PyPI) answering gRPC calls of a `Greeting` or a
/// stream of them with one `Greeting` of their texts joined (trailer `x-attempt`: which
/// attempt of the call this was). Request metadata: `x-call` (the call's id), `x-refuse`
/// (attempts to refuse), `x-mode`: `reset` refuses with RST_STREAM REFUSED_STREAM, `goaway`
/// with a GOAWAY whose last stream id leaves the stream out (then closes the connection).
private let refusingServer = #"""
    import os, socket, sys, threading
    import h2.config, h2.connection, h2.errors, h2.events

    seen, lock = {}, threading.Lock()

    def answer(conn, stream_id, body, attempt):
        texts, offset = b"", 0
        while offset + 5 <= len(body):
            length = int.from_bytes(body[offset + 1:offset + 5], "big")
            texts += body[offset + 5 + 2:offset + 5 + length]
            offset += 5 + length
        message = b"\x0a" + bytes([len(texts)]) + texts
        conn.send_headers(stream_id, [(":status", "200"), ("content-type", "application/grpc")])
        conn.send_data(stream_id, b"\x00" + len(message).to_bytes(4, "big") + message)
        conn.send_headers(stream_id, [("grpc-status", "0"), ("x-attempt", str(attempt))], end_stream=True)

    def serve(sock):
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
        conn.initiate_connection()
        sock.sendall(conn.data_to_send())
        bodies, attempts = {}, {}
        while True:
            data = sock.recv(65536)
            if not data:
                return
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = dict(event.headers)
                    with lock:
                        attempt = seen[headers["x-call"]] = seen.get(headers["x-call"], 0) + 1
                    if attempt > int(headers.get("x-refuse", "0")):
                        bodies[event.stream_id], attempts[event.stream_id] = b"", attempt
                    elif headers.get("x-mode") == "goaway":
                        conn.close_connection(last_stream_id=max(event.stream_id - 2, 0))
                        sock.sendall(conn.data_to_send())
                        sock.close()
                        return
                    else:
                        conn.reset_stream(event.stream_id, error_code=h2.errors.ErrorCodes.REFUSED_STREAM)
                elif isinstance(event, h2.events.DataReceived):
                    if event.stream_id in bodies:
                        bodies[event.stream_id] += event.data
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, h2.events.StreamEnded) and event.stream_id in bodies:
                    answer(conn, event.stream_id, bodies.pop(event.stream_id), attempts.pop(event.stream_id))
            sock.sendall(conn.data_to_send())

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()
    """#

/// Calls whose stream the server refused before processing it are made again, once, at
/// once, without a retry policy (gRFC A6's transparent retry), on every kind of call.
@Suite("transparent retry of streams a server refused (h2 server)", .timeLimit(.minutes(1)))
struct TransparentRetryTests {
    static let unaryMethod = MethodDescriptor(service: "retrytest.Refusing", method: "Unary")
    static let streamingMethod = MethodDescriptor(service: "retrytest.Refusing", method: "Streaming")

    /// Runs `body` with a client (no service config) of a fresh refusing server.
    static func withServer(_ body: (RPCClient<HTTP2ClientTransport>) async throws -> Void) async throws {
        let server = try await PythonServerProcess(source: refusingServer)
        defer { server.stop() }
        let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: server.port)))
        defer { client.beginGracefulShutdown() }
        try await body(client)
    }

    static func unary(_ client: RPCClient<HTTP2ClientTransport>, _ metadata: Metadata) async throws(RPCError)
        -> ClientResponse<Greeting>
    {
        try await client.unary(
            request: ClientRequest(message: Greeting("hi"), metadata: metadata), descriptor: unaryMethod,
            responseType: Greeting.self, options: CallOptions(timeout: .seconds(20)))
    }

    static func streaming(_ client: RPCClient<HTTP2ClientTransport>, _ metadata: Metadata) async throws
        -> ClientResponse<Greeting>
    {
        try await client.clientStreaming(
            request: StreamingClientRequest(metadata: metadata) { writer in
                for text in ["a", "b", "c"] { try await writer.write(Greeting(text)) }
            },
            descriptor: streamingMethod, responseType: Greeting.self, options: CallOptions(timeout: .seconds(20)))
    }

    @Test("unary: REFUSED_STREAM, then the same call again succeeds", arguments: ["reset", "goaway"])
    func unaryRetried(mode: String) async throws {
        try await Self.withServer { client in
            let response = try await Self.unary(
                client, ["x-call": .string("u-\(mode)"), "x-refuse": "1", "x-mode": .string(mode)])
            #expect(response.message.text == "hi")
            #expect(response.trailingMetadata.firstString(forKey: "x-attempt") == "2")
        }
    }

    @Test("client streaming: refused, then every request message is sent again", arguments: ["reset", "goaway"])
    func streamingRetried(mode: String) async throws {
        try await Self.withServer { client in
            let response = try await Self.streaming(
                client, ["x-call": .string("s-\(mode)"), "x-refuse": "1", "x-mode": .string(mode)])
            #expect(response.message.text == "abc")
            #expect(response.trailingMetadata.firstString(forKey: "x-attempt") == "2")
        }
    }

    @Test("a second refusal is the call's failure: UNAVAILABLE, marked unprocessed")
    func onlyOnce() async throws {
        try await Self.withServer { client in
            do {
                _ = try await Self.unary(client, ["x-call": "twice", "x-refuse": "2", "x-mode": "reset"])
                Issue.record("a call refused twice succeeded")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
                #expect(error.unprocessed)
            }
            do {
                _ = try await Self.streaming(client, ["x-call": "twice-s", "x-refuse": "2", "x-mode": "reset"])
                Issue.record("a call refused twice succeeded")
            } catch let error as RPCError {
                #expect(error.code == .unavailable)
            }
        }
    }
}

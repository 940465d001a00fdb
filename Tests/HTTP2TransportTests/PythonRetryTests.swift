import Foundation
import HTTP2Transport
import RPCCore
import Testing

/// A grpcio server whose `retrytest.Flaky` methods fail the first attempts of each call on
/// purpose. Request metadata: `x-call` (the call's id), `x-fail` (attempts to fail),
/// `x-code` (their status code), `x-pushback` (the `grpc-retry-pushback-ms` trailer to send),
/// `x-headers` (send response headers before failing). A failure's message is `attempt N`; a
/// success puts the `grpc-previous-rpc-attempts` values seen in the trailer `x-seen`. `Get`
/// echoes its request; `Collect` (client streaming) reads every request message before it
/// fails or answers with their texts joined; `Repeat` (server streaming) sends its request
/// back three times.
let flakyServer = #"""
    import os, sys, threading
    from concurrent import futures
    import grpc

    seen, lock = {}, threading.Lock()

    def attempt(context):
        metadata = dict(context.invocation_metadata())
        with lock:
            attempts = seen.setdefault(metadata["x-call"], [])
            attempts.append(metadata.get("grpc-previous-rpc-attempts", "none"))
            count = len(attempts)
        if count <= int(metadata.get("x-fail", "0")):
            if "x-pushback" in metadata:
                context.set_trailing_metadata((("grpc-retry-pushback-ms", metadata["x-pushback"]),))
            if "x-headers" in metadata:
                context.send_initial_metadata((("x-started", "yes"),))
            code = next(c for c in grpc.StatusCode if c.value[0] == int(metadata["x-code"]))
            context.abort(code, "attempt %d" % count)
        context.set_trailing_metadata((("x-seen", ",".join(attempts)),))

    def get(request, context):
        attempt(context)
        return request

    def collect(requests, context):
        # Each request is a Greeting of a short text: tag, length, text.
        texts = b"".join(request[2:] for request in requests)
        attempt(context)
        return b"\x0a" + bytes([len(texts)]) + texts

    def repeat(request, context):
        attempt(context)
        for _ in range(3):
            yield request

    handler = grpc.method_handlers_generic_handler("retrytest.Flaky", {
        "Get": grpc.unary_unary_rpc_method_handler(get),
        "Collect": grpc.stream_unary_rpc_method_handler(collect),
        "Repeat": grpc.unary_stream_rpc_method_handler(repeat),
    })
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((handler,))
    # Arguments: [port] port-file.
    port = server.add_insecure_port("127.0.0.1:%s" % (sys.argv[1] if len(sys.argv) > 2 else "0"))
    server.start()
    with open(sys.argv[-1] + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(sys.argv[-1] + ".tmp", sys.argv[-1])
    server.wait_for_termination(timeout=120)
    """#

@Suite("gRFC A6 retries of unary calls against a grpcio server", .timeLimit(.minutes(1)))
struct PythonRetryTests {
    static let get = MethodDescriptor(service: "retrytest.Flaky", method: "Get")

    static func config(maxAttempts: Int = 4, throttling: RetryThrottling? = nil) throws -> ServiceConfig {
        try ServiceConfig(
            methodConfigs: [
                MethodConfig(
                    names: [try .init(service: "retrytest.Flaky")],
                    retryPolicy: try RetryPolicy(
                        maxAttempts: maxAttempts, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100),
                        backoffMultiplier: 2, retryableStatusCodes: [.unavailable]))
            ], retryThrottling: throttling)
    }

    /// Runs `body` with a client of a fresh flaky server.
    static func withFlakyServer(
        _ config: ServiceConfig, _ body: (RPCClient<HTTP2ClientTransport>) async throws -> Void
    ) async throws {
        let server = try await PythonServerProcess(source: flakyServer)
        defer { server.stop() }
        let client = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: server.port)), serviceConfig: config)
        defer { client.beginGracefulShutdown() }
        try await body(client)
    }

    static func call(
        _ client: RPCClient<HTTP2ClientTransport>, _ metadata: Metadata, timeout: Duration = .seconds(20)
    ) async -> Result<ClientResponse<Greeting>, RPCError> {
        do throws(RPCError) {
            return .success(
                try await client.unary(
                    request: ClientRequest(message: Greeting("hi"), metadata: metadata), descriptor: get,
                    responseType: Greeting.self, options: CallOptions(timeout: timeout)))
        } catch {
            return .failure(error)
        }
    }

    /// The error a call that must fail ends with; `nil` (and an issue) when it succeeds.
    static func failure(
        _ client: RPCClient<HTTP2ClientTransport>, _ metadata: Metadata, timeout: Duration = .seconds(20)
    ) async -> RPCError? {
        switch await call(client, metadata, timeout: timeout) {
        case .success(let response):
            Issue.record("expected a failure, got \(response.message.text)")
            return nil
        case .failure(let error):
            return error
        }
    }

    @Test("UNAVAILABLE twice, then success: retried, and the server saw grpc-previous-rpc-attempts 1 and 2")
    func unavailableThenSuccess() async throws {
        try await Self.withFlakyServer(try Self.config()) { client in
            let response = try await Self.call(client, ["x-call": "a", "x-fail": "2", "x-code": "14"]).get()
            #expect(response.message.text == "hi")
            #expect(response.trailingMetadata.firstString(forKey: "x-seen") == "none,1,2")
        }
    }

    @Test("a status outside retryableStatusCodes is not retried")
    func nonRetryableCode() async throws {
        try await Self.withFlakyServer(try Self.config()) { client in
            let error = await Self.failure(client, ["x-call": "b", "x-fail": "1", "x-code": "9"])
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message == "attempt 1")
        }
    }

    @Test("maxAttempts bounds the attempts: the last attempt's status is the call's")
    func attemptsUsedUp() async throws {
        try await Self.withFlakyServer(try Self.config(maxAttempts: 3)) { client in
            let error = await Self.failure(client, ["x-call": "c", "x-fail": "5", "x-code": "14"])
            #expect(error?.code == .unavailable)
            #expect(error?.message == "attempt 3")
        }
    }

    @Test("a failure after the server sent response headers is committed: not retried")
    func committedAfterHeaders() async throws {
        try await Self.withFlakyServer(try Self.config()) { client in
            let error = await Self.failure(client, ["x-call": "d", "x-fail": "1", "x-code": "14", "x-headers": "1"])
            #expect(error?.message == "attempt 1")
            #expect(error?.responseStarted == true)
        }
    }

    @Test("pushback: a non-negative value is waited exactly, a negative one stops the retries")
    func pushback() async throws {
        try await Self.withFlakyServer(try Self.config()) { client in
            let start = ContinuousClock.now
            let response = try await Self.call(
                client, ["x-call": "e", "x-fail": "1", "x-code": "14", "x-pushback": "300"]
            ).get()
            #expect(start.duration(to: .now) >= .milliseconds(300))
            #expect(response.trailingMetadata.firstString(forKey: "x-seen") == "none,1")

            let error = await Self.failure(client, ["x-call": "f", "x-fail": "1", "x-code": "14", "x-pushback": "-1"])
            #expect(error?.message == "attempt 1")
        }
    }

    @Test("no retry waits past the call's deadline")
    func deadlineBoundsRetries() async throws {
        try await Self.withFlakyServer(try Self.config()) { client in
            let start = ContinuousClock.now
            let error = await Self.failure(
                client, ["x-call": "g", "x-fail": "1", "x-code": "14", "x-pushback": "5000"], timeout: .seconds(1))
            #expect(error?.message == "attempt 1")
            #expect(start.duration(to: .now) < .seconds(1))
        }
    }

    @Test(
        "a server killed and restarted under load: every call succeeds, the interrupted ones retried",
        .timeLimit(.minutes(1)))
    func serverRestartedUnderLoad() async throws {
        let config = try ServiceConfig(
            methodConfigs: [
                MethodConfig(
                    names: [try .init(service: "retrytest.Flaky")], waitForReady: true,
                    retryPolicy: try RetryPolicy(
                        maxAttempts: 5, initialBackoff: .milliseconds(50), maxBackoff: .milliseconds(500),
                        backoffMultiplier: 2, retryableStatusCodes: [.unavailable]))
            ])
        let first = try await PythonServerProcess(source: flakyServer)
        let port = first.port
        let client = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: port), backoff: quickBackoff),
            serviceConfig: config)
        let stop = ContinuousClock.now.advanced(by: .seconds(4))
        let outcome = try await withThrowingTaskGroup(of: (calls: Int, retried: Int).self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var calls = 0
                    var retried = 0
                    while ContinuousClock.now < stop {
                        let id = "load-\(worker)-\(calls)"
                        let response = try await Self.call(client, ["x-call": .string(id)]).get()
                        if response.trailingMetadata.firstString(forKey: "x-seen") != "none" { retried += 1 }
                        calls += 1
                    }
                    return (calls, retried)
                }
            }
            try await Task.sleep(for: .seconds(1))
            first.stop()
            let second = try await PythonServerProcess(source: flakyServer, arguments: ["\(port)"])
            defer { second.stop() }
            var total = (calls: 0, retried: 0)
            for try await (calls, retried) in group { total = (total.calls + calls, total.retried + retried) }
            return total
        }
        client.beginGracefulShutdown()
        // Every call succeeded (a failure would have thrown); the calls in flight when the
        // server was killed (at most one per worker) were made again on the new server.
        #expect(outcome.calls > 40)
        #expect((1...4).contains(outcome.retried))
    }

    @Test("throttling: with the client's tokens at half or below, a failed call is not retried")
    func throttled() async throws {
        let throttling = try RetryThrottling(maxTokens: 2, tokenRatio: 0.1)
        try await Self.withFlakyServer(try Self.config(throttling: throttling)) { client in
            let error = await Self.failure(client, ["x-call": "h", "x-fail": "1", "x-code": "14"])
            #expect(error?.message == "attempt 1")
        }
    }
}

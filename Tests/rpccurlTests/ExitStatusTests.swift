import ProtocSupport
import Testing

@Suite("rpccurl errors and exit statuses (as grpcurl)")
struct ExitStatusTests {
    @Test("a failed RPC exits with 64 + code and prints grpcurl's ERROR block", arguments: [false, true])
    func rpcFailure(python: Bool) async throws {
        let call: (RPCCurlHarness.Server) async throws -> ChildProcess.Outcome = { server in
            try await RPCCurlHarness.run([
                "-plaintext", "-d", #"{"text":"fail:5:no such thing"}"#, server.address, "rpccurltest.Echo/Get",
            ])
        }
        let result = try await python ? RPCCurlHarness.withPythonServer(call) : RPCCurlHarness.withOurServer(call)
        #expect(result.status == 64 + 5)
        #expect(result.stderr == "ERROR:\n  Code: NotFound\n  Message: no such thing\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("-format-error prints the status as JSON; a streaming failure after responses keeps them")
    func formattedError() async throws {
        let (formatted, streamed) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-format-error", "-d", #"{"text":"fail:7:who \"you\""}"#, server.address,
                    "rpccurltest.Echo/Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"text":"a"} {"text":"fail:9:late"}"#, server.address,
                    "rpccurltest.Echo/Chat",
                ])
            )
        }
        #expect(formatted.status == 64 + 7)
        #expect(formatted.stderr == "{\n  \"code\": 7,\n  \"message\": \"who \\\"you\\\"\"\n}\n")
        #expect(streamed.status == 64 + 9)
        #expect(streamed.stdout == "{\n  \"text\": \"a\"\n}\n")
        #expect(streamed.stderr.contains("Code: FailedPrecondition"))
    }

    @Test("-max-time ends a call that outlives it with DeadlineExceeded (exit 68)")
    func maxTime() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            // Chat waits for more requests; stdin stays open until the deadline.
            let rpccurl = try ChildProcess(
                RPCCurlHarness.rpccurl,
                ["-plaintext", "-max-time", "0.5", "-d", "@", server.address, "rpccurltest.Echo/Chat"])
            let outcome = try await rpccurl.outcome()
            rpccurl.closeInput()
            return outcome
        }
        #expect(result.status == 64 + 4)
        #expect(result.stderr.contains("Code: DeadlineExceeded"))
    }

    @Test("a refused connection is exit 1 with grpcurl's dial message")
    func connectionRefused() async throws {
        let result = try await RPCCurlHarness.run(["-plaintext", "-connect-timeout", "2", "127.0.0.1:1", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Failed to dial target host"))
    }

    /// A TCP listener (in Python) that accepts at the kernel level and never answers, and its address.
    private func silentListener() async throws -> (ChildProcess, String) {
        let listener = try ChildProcess(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import socket, time
                s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
                print("listening on 127.0.0.1:%d" % s.getsockname()[1], flush=True); time.sleep(30)
                """,
            ])
        let banner = try await listener.line(containing: "listening on ")
        let address = String(banner.dropFirst("listening on ".count))
        return (listener, address)
    }

    @Test("-connect-timeout bounds the handshake with a peer that accepts but never answers (exit 1)")
    func connectTimeout() async throws {
        let (listener, address) = try await silentListener()
        defer { listener.terminate() }
        let start = ContinuousClock.now
        let result = try await RPCCurlHarness.run(["-plaintext", "-connect-timeout", "0.5", address, "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Failed to dial target host"))
        #expect(start.duration(to: .now) < .seconds(10))
    }

    @Test(
        "-keepalive-time ends a call to a peer that accepts but never answers (UNAVAILABLE, exit 64 + 14, naming the keepalive)"
    )
    func keepaliveTime() async throws {
        let (listener, address) = try await silentListener()
        defer { listener.terminate() }
        let start = ContinuousClock.now
        let result = try await RPCCurlHarness.run(["-plaintext", "-keepalive-time", "0.5", address, "list"])
        #expect(result.status == 64 + 14, "\(result.stderr)")
        #expect(result.stderr.contains("keepalive PING"), "\(result.stderr)")
        #expect(start.duration(to: .now) < .seconds(10))
    }

    @Test(
        "usage errors exit 2: no arguments, an unknown flag, a missing verb",
        arguments: [[], ["-bogus", "x:1", "list"], ["127.0.0.1:1"]])
    func usage(arguments: [String]) async throws {
        let result = try await RPCCurlHarness.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test(
        "an unknown flag is reported as typed: -foo, not the --foo rpccurl translates it to (exit 2)",
        arguments: [["-foo", "x:1", "list"], ["-foo=1", "x:1", "list"], ["bench", "-foo", "x:1", "a.B/C"]])
    func unknownFlagAsTyped(arguments: [String]) async throws {
        let result = try await RPCCurlHarness.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: Unknown option '-foo'"), "\(result.stderr)")
        #expect(!result.stderr.contains("--foo"), "\(result.stderr)")
    }

    @Test(
        "bad request JSON is exit 1; an unknown method of a known service says 'no method X in service Y', an unknown service 'Symbol not found'"
    )
    func badInput() async throws {
        let (json, method, service) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"big": [}"#, server.address, "rpccurltest.Echo/Get",
                ]),
                try await RPCCurlHarness.run(["-plaintext", "-d", "{}", server.address, "rpccurltest.Echo/Nope"]),
                try await RPCCurlHarness.run(["-plaintext", "-d", "{}", server.address, "rpccurltest.Nope/Get"])
            )
        }
        #expect(json.status == 1)
        #expect(json.stderr.contains("error getting request data"))
        #expect(method.status == 1)
        #expect(method.stderr == "Failed: no method Nope in service rpccurltest.Echo\n")
        #expect(service.status == 1)
        #expect(service.stderr.contains("Symbol not found: rpccurltest.Nope"))
    }

    @Test(
        "two request messages to a unary or server-streaming method are refused before anything is sent (exit 1)",
        arguments: [("rpccurltest.Echo/Get", "a unary"), ("rpccurltest.Echo/Expand", "a server-streaming")])
    func oneRequestOnly(method: String, kind: String) async throws {
        let (inline, stdin) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"text":"one"} {"text":"two"}"#, server.address, method,
                ]),
                try await RPCCurlHarness.run(
                    ["-plaintext", "-v", "-d", "@", server.address, method], input: "{}\n{}\n")
            )
        }
        for result in [inline, stdin] {
            #expect(result.status == 1, "\(result.stderr)")
            #expect(
                result.stderr.contains("is \(kind) RPC, but the request data contains more than 1 message"),
                "\(result.stderr)")
            // Refused on the client side: no response headers, so no request was sent.
            #expect(!result.stdout.contains("Response headers received"), "\(result.stdout)")
        }
    }

    @Test("bench makes the asked number of calls and prints the rate and latency percentiles")
    func bench() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run([
                "bench", "-plaintext", server.address, "rpccurltest.Echo/Get", "-d", #"{"text":"b"}"#, "--concurrency",
                "4", "-n", "40",
            ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("40 calls OK, 0 failed in "))
        for label in ["requests/s: ", "p50: ", "p90: ", "p99: ", "max: "] {
            #expect(result.stdout.contains("\n" + label))
        }
    }

    @Test("bench with failing calls exits 1 and breaks the failures down by status, with a message for each")
    func benchFailures() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run([
                "bench", "-plaintext", server.address, "rpccurltest.Echo/Get", "-d",
                #"{"text":"fail:5:no such thing"}"#,
                "--concurrency", "2", "-n", "10",
            ])
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("0 calls OK, 10 failed in "))
        #expect(
            result.stdout.hasSuffix("failed calls by status:\n  NotFound: 10 (no such thing)\n"), "\(result.stdout)")
        #expect(result.stderr == "Failed: 10 of 10 calls failed\n")
    }
}

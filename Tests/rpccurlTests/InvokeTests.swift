import ProtocSupport
import Testing

@Suite("rpccurl calls")
struct InvokeTests {
    /// A sample with every awkward JSON case, as rpccurl prints it back.
    static let awkward = """
        {
          "text": "hi",
          "big": "-9223372036854775808",
          "huge": "18446744073709551615",
          "small": -3,
          "ratio": 0.5,
          "flag": true,
          "blob": "AAEC/w==",
          "mood": "GRUMPY",
          "numbers": [
            1,
            2
          ],
          "counts": {
            "a": "9007199254740993"
          },
          "nested": {
            "label": "x"
          },
          "at": "2024-01-02T03:04:05.500Z",
          "took": "1.500s",
          "maybe": "7",
          "note": ""
        }

        """

    @Test(
        "unary JSON round trip: 64-bit strings, enums, bytes, maps, oneofs, well-known types, optional",
        arguments: [false, true])
    func unaryJSON(python: Bool) async throws {
        let arguments = ["-d", Self.awkward]
        let call: (RPCCurlHarness.Server) async throws -> ChildProcess.Outcome = { server in
            try await RPCCurlHarness.run(["-plaintext"] + arguments + [server.address, "rpccurltest.Echo/Get"])
        }
        let result = try await python ? RPCCurlHarness.withPythonServer(call) : RPCCurlHarness.withOurServer(call)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.awkward)
    }

    @Test("enum numbers are read, unknown fields are refused unless allowed, defaults and proto names on request")
    func jsonOptions() async throws {
        let (number, unknown, allowed, defaults) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"mood":1}"#, server.address, "rpccurltest.Echo.Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"nope":1}"#, server.address, "rpccurltest.Echo.Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-allow-unknown-fields", "-d", #"{"nope":1,"text":"t"}"#, server.address,
                    "rpccurltest.Echo.Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-emit-defaults", "-keep-proto-names", "-d", #"{"id":0}"#, server.address,
                    "rpccurltest.Echo.Get",
                ])
            )
        }
        #expect(number.stdout == "{\n  \"mood\": \"HAPPY\"\n}\n")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown field \"nope\""))
        #expect(allowed.stdout == "{\n  \"text\": \"t\"\n}\n")
        #expect(defaults.stdout.contains("\"big\": \"0\""))
        #expect(defaults.stdout.contains("\"numbers\": []"))
        #expect(defaults.stdout.contains("\"id\": 0"))
        #expect(!defaults.stdout.contains("\"note\""))
    }

    @Test("JSON names by default, .proto names with -keep-proto-names; both are read")
    func fieldNames() async throws {
        let (json, proto) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"display_name":"d"}"#, server.address, "rpccurltest.Echo/Get",
                ]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-keep-proto-names", "-d", #"{"displayName":"d"}"#, server.address,
                    "rpccurltest.Echo/Get",
                ])
            )
        }
        #expect(json.stdout == "{\n  \"displayName\": \"d\"\n}\n")
        #expect(proto.stdout == "{\n  \"display_name\": \"d\"\n}\n")
    }

    @Test("a response over -max-msg-sz fails the call with ResourceExhausted (exit 72)")
    func maxMessageSize() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(
                [
                    "-plaintext", "-max-msg-sz", "100", "-d", "{\"text\":\"\(String(repeating: "x", count: 200))\"}",
                    server.address, "rpccurltest.Echo/Get",
                ])
        }
        #expect(result.status == 64 + 8)
        #expect(result.stderr.hasPrefix("ERROR:\n  Code: ResourceExhausted\n"))
    }

    @Test(
        "server streaming prints each response; client streaming sends every stdin message", arguments: [false, true])
    func streaming(python: Bool) async throws {
        let call: (RPCCurlHarness.Server) async throws -> (ChildProcess.Outcome, ChildProcess.Outcome) = { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"numbers":[3,1,2]}"#, server.address, "rpccurltest.Echo/Expand",
                ]),
                try await RPCCurlHarness.run(
                    ["-plaintext", "-d", "@", server.address, "rpccurltest.Echo/Collect"],
                    input: "{\"text\":\"a\",\"numbers\":[1]}\n{\"text\":\"b\",\n\"numbers\":[2]}")
            )
        }
        let (expand, collect) =
            try await python ? RPCCurlHarness.withPythonServer(call) : RPCCurlHarness.withOurServer(call)
        #expect(expand.stdout == "{\n  \"text\": \"3\"\n}\n{\n  \"text\": \"1\"\n}\n{\n  \"text\": \"2\"\n}\n")
        #expect(
            collect.stdout == "{\n  \"text\": \"a b\",\n  \"numbers\": [\n    1,\n    2\n  ]\n}\n", "\(collect.stderr)")
    }

    @Test("interactive bidi: each stdin message is sent as it arrives and its answer printed before the next is typed")
    func interactiveBidi() async throws {
        try await RPCCurlHarness.withOurServer { server in
            let rpccurl = try ChildProcess(
                RPCCurlHarness.rpccurl, ["-plaintext", "-d", "@", server.address, "rpccurltest.Echo/Chat"])
            rpccurl.write("{\"text\":\"first\"}\n")
            let first = try await rpccurl.output(containing: "first")
            #expect(first == "{\n  \"text\": \"first\"\n}\n")
            rpccurl.write("{\"text\":\"second\"}\n")
            _ = try await rpccurl.output(containing: "second")
            rpccurl.closeInput()
            let outcome = try await rpccurl.outcome()
            #expect(outcome.status == 0)
            #expect(outcome.stdout == "{\n  \"text\": \"first\"\n}\n{\n  \"text\": \"second\"\n}\n")
        }
    }

    @Test(
        "-H sends headers (-bin ones base64-decoded); -v shows method, request metadata, headers, trailers and timing")
    func headersAndVerbose() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(
                [
                    "-plaintext", "-v", "-H", "x-one: 1", "-rpc-header", "x-two: 2", "-H", "x-data-bin: AAEC/w==",
                    "-reflect-header", "x-reflect: r", "-d", "{}", server.address,
                    "rpccurltest.Echo/Get",
                ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "Resolved method descriptor:\nrpc Get ( .rpccurltest.Sample ) returns ( .rpccurltest.Sample );\n"))
        #expect(result.stdout.contains("Request metadata to send:\nx-one: 1\nx-data-bin: AAEC/w==\nx-two: 2\n"))
        #expect(
            result.stdout.contains(
                "Response headers received:\ncontent-type: application/grpc\nx-one: 1\nx-data-bin: AAEC/w==\nx-two: 2\n"
            ))
        #expect(result.stdout.contains("Response trailers received:\nx-trailer: done\n"))
        #expect(result.stdout.contains("Sent 1 request and received 1 response\nTiming: "))
    }

    @Test(
        "-v on a Trailers-Only response (a handler that throws at once) shows empty headers, then the trailers, as grpcurl"
    )
    func verboseTrailersOnly() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run([
                "-plaintext", "-v", "-d", #"{"text":"fail:5:gone"}"#, server.address, "rpccurltest.Echo/Get",
            ])
        }
        #expect(result.status == 64 + 5, "\(result.stderr)")
        #expect(
            result.stdout.contains("\nResponse headers received:\n(empty)\n\nResponse trailers received:\n(empty)\n"),
            "\(result.stdout)")
        #expect(result.stdout.contains("Sent 1 request and received 0 responses\n"))
        #expect(result.stderr.contains("Code: NotFound"))
    }

    @Test(
        "-format text reads and prints the text format: escapes, hex, 64-bit extremes, lists, maps, <> messages, comments"
    )
    func textFormat() async throws {
        let request = #"""
            text: "a\x41\101" big: -9223372036854775808 huge: 0xFFFFFFFFFFFFFFFF mood: GRUMPY
            numbers: [1, 2] numbers: 3 counts { key: "k" value: 5 } nested < label: "n" > # a comment
            ratio: -inf flag: t blob: "\000\377"
            """#
        let (result, streamed, bad) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run([
                    "-plaintext", "-format", "text", "-d", request, server.address, "rpccurltest.Echo/Get",
                ]),
                try await RPCCurlHarness.run(
                    ["-plaintext", "-format", "text", "-d", "@", server.address, "rpccurltest.Echo/Chat"],
                    input: "text: \"x\"\u{1E}text: \"y\""),
                try await RPCCurlHarness.run([
                    "-plaintext", "-format", "text", "-d", "mood: SAD", server.address, "rpccurltest.Echo/Get",
                ])
            )
        }
        #expect(
            result.stdout == #"""
                text: "aAA"
                big: -9223372036854775808
                huge: 18446744073709551615
                ratio: -inf
                flag: true
                blob: "\000\377"
                mood: GRUMPY
                numbers: 1
                numbers: 2
                numbers: 3
                counts {
                  key: "k"
                  value: 5
                }
                nested {
                  label: "n"
                }

                """#, "\(result.stderr)")
        #expect(streamed.stdout == "text: \"x\"\n\ntext: \"y\"\n")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("1:7: SAD is not a value of"))
    }
}

import ProtocSupport
import Testing

@Suite("rpccurl list and describe")
struct ListDescribeTests {
    @Test("list names every service reflection reports, both reflection versions included")
    func listServices() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(["-plaintext", "-plaintext", server.address, "list"])
        }
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "grpc.reflection.v1.ServerReflection\ngrpc.reflection.v1alpha.ServerReflection\nrpccurltest.Echo\n")
    }

    @Test("list SERVICE names its methods fully qualified")
    func listMethods() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(["-plaintext", server.address, "list", "rpccurltest.Echo"])
        }
        #expect(
            result.stdout.split(separator: "\n") == [
                "rpccurltest.Echo.Get", "rpccurltest.Echo.Expand", "rpccurltest.Echo.Collect", "rpccurltest.Echo.Chat",
                "rpccurltest.Echo.Ping",
            ])
    }

    @Test("describe prints services, methods, messages (maps, oneofs, optional, nested) and enums as proto source")
    func describe() async throws {
        let (service, method, message, enumType, missing) = try await RPCCurlHarness.withOurServer { server in
            (
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Echo"]),
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Echo.Chat"]),
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Sample"]),
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Mood"]),
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Nope"])
            )
        }
        #expect(service.stdout.hasPrefix("rpccurltest.Echo is a service:\nservice Echo {\n"))
        #expect(
            service.stdout.contains("  rpc Expand ( .rpccurltest.Sample ) returns ( stream .rpccurltest.Sample );\n"))
        #expect(
            method.stdout
                == "rpccurltest.Echo.Chat is a method:\nrpc Chat ( stream .rpccurltest.Sample ) returns ( stream .rpccurltest.Sample );\n"
        )
        for line in [
            "  int64 big = 2;", "  .rpccurltest.Mood mood = 8;", "  map<string, int64> counts = 10;",
            "  oneof choice {",
            "    .rpccurltest.Sample.Nested nested = 13;", "  .google.protobuf.Timestamp at = 14;",
            "  optional string note = 17;",
            "  message Nested {",
        ] {
            #expect(message.stdout.contains(line + "\n"), "missing \(line)")
        }
        #expect(
            enumType.stdout
                == "rpccurltest.Mood is an enum:\nenum Mood {\n  MOOD_UNSPECIFIED = 0;\n  HAPPY = 1;\n  GRUMPY = 2;\n}\n"
        )
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Symbol not found: rpccurltest.Nope"))
    }

    @Test("files registered from generated code bring their imports: the well-known types are described too")
    func transitiveFiles() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "google.protobuf.Timestamp"])
        }
        #expect(
            result.stdout
                == "google.protobuf.Timestamp is a message:\nmessage Timestamp {\n  int64 seconds = 1;\n  int32 nanos = 2;\n}\n"
        )
    }

    @Test("describe -msg-template prints a JSON template of the message")
    func messageTemplate() async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run([
                "-plaintext", server.address, "describe", "-msg-template", "rpccurltest.Sample",
            ])
        }
        #expect(result.stdout.contains("Message template:\n{\n  \"text\": \"\",\n  \"big\": \"0\","))
        #expect(result.stdout.contains("\"at\": \"1970-01-01T00:00:00Z\""))
    }

    @Test("a grpcio server's reflection (v1alpha only) serves list, describe and calls")
    func pythonServer() async throws {
        let (list, describe, call) = try await RPCCurlHarness.withPythonServer { server in
            (
                try await RPCCurlHarness.run(["-plaintext", server.address, "list"]),
                try await RPCCurlHarness.run(["-plaintext", server.address, "describe", "rpccurltest.Sample.Nested"]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-d", #"{"big":"-9007199254740993","mood":"GRUMPY"}"#, server.address,
                    "rpccurltest.Echo/Get",
                ])
            )
        }
        #expect(list.stdout.contains("rpccurltest.Echo\n"), "\(list.stderr)")
        #expect(
            describe.stdout == "rpccurltest.Sample.Nested is a message:\nmessage Nested {\n  string label = 1;\n}\n")
        #expect(call.stdout == "{\n  \"big\": \"-9007199254740993\",\n  \"mood\": \"GRUMPY\"\n}\n", "\(call.stderr)")
    }

    @Test("without reflection rpccurl says so and suggests -proto; -proto and -protoset work without it")
    func withoutReflection() async throws {
        let socket = "/tmp/rpccurl-test-\(UInt32.random(in: 0...UInt32.max)).sock"
        let protoset = "/tmp/rpccurl-test-\(UInt32.random(in: 0...UInt32.max)).pb"
        let (refused, viaProto, written, viaProtoset) = try await RPCCurlHarness.withOurServer(
            unixSocket: socket, reflection: false
        ) { server in
            let proto = ["-proto", "rpccurltest/echo.proto", "-import-path", Protoc.protosDirectory]
            return (
                try await RPCCurlHarness.run(["-plaintext", "-unix", server.address, "list"]),
                try await RPCCurlHarness.run(
                    ["-plaintext"] + proto + ["-unix", "-d", #"{"text":"p"}"#, server.address, "rpccurltest.Echo.Get"]),
                try await RPCCurlHarness.run(["-plaintext"] + proto + ["-protoset-out", protoset, "list"]),
                try await RPCCurlHarness.run([
                    "-plaintext", "-protoset", protoset, "-unix", "-d", #"{"numbers":[7]}"#, server.address,
                    "rpccurltest.Echo/Expand",
                ])
            )
        }
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not support the reflection API"))
        #expect(refused.stderr.contains("-proto"))
        #expect(viaProto.stdout == "{\n  \"text\": \"p\"\n}\n", "\(viaProto.stderr)")
        #expect(written.stdout == "rpccurltest.Echo\n")
        #expect(viaProtoset.stdout == "{\n  \"text\": \"7\"\n}\n", "\(viaProtoset.stderr)")
    }
}

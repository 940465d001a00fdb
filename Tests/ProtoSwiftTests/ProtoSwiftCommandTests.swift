import Foundation
import ProtocSupport
import Testing

@Suite("proto-swift command line")
struct ProtoSwiftCommandTests {
    /// The built proto-swift, next to this test bundle (`swift build` builds it, and so does
    /// any build of SwiftEmitterTests, whose plugin runs it).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("proto-swift").path
    static let protos = Protoc.protosDirectory

    /// A fresh directory, removed by the caller.
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proto-swift-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs proto-swift; returns its exit status and standard error.
    private func run(_ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build proto-swift first")
        do {
            let result = try await Protoc.runTool(Self.executable, arguments)
            return (0, result.stderr)
        } catch let failure as Protoc.Failure {
            return (failure.status, failure.stderr)
        }
    }

    @Test(
        "-I DIR, -IDIR and --proto_path=DIR all name import paths; output names are flattened",
        arguments: [["-I", protos], ["-I" + protos], ["--proto_path=" + protos]])
    func importPathSpellings(flags: [String]) async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await run(
            flags + ["--swift_out=\(out.path)", "emittertest/prefixed.proto", "codectest/legacy.proto"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["codectest_legacy.pb.swift", "emittertest_prefixed.pb.swift"])
        let text = try String(contentsOf: out.appendingPathComponent("emittertest_prefixed.pb.swift"), encoding: .utf8)
        #expect(text.contains("public struct EXPrefixed: Message {"))
    }

    @Test("a file given by its path under an import path is named relative to it")
    func pathUnderImportPath() async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await run([
            "-I", Self.protos, "--swift_out=\(out.path)", Self.protos + "/emittertest/prefixed.proto",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("emittertest_prefixed.pb.swift").path))
    }

    @Test("--descriptor_set_out with --include_imports matches protoc byte for byte")
    func descriptorSetMatchesProtoc() async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let files = ["emittertest/features.proto", "emittertest/legacy_features.proto"]
        let setPath = out.appendingPathComponent("set.pb").path
        let result = try await run(["-I", Self.protos, "--descriptor_set_out=\(setPath)", "--include_imports"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        let ours = try [UInt8](Data(contentsOf: URL(fileURLWithPath: setPath)))
        #expect(ours == (try await Protoc.descriptorSet(files, importPaths: [Self.protos])))
    }

    @Test(
        "Swift generated from parsed .proto files equals Swift generated from protoc's descriptors, comments included")
    func parsedAndProtocInputsAgree() async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let files = [
            "emittertest/features.proto", "emittertest/legacy_features.proto", "codectest/test_messages.proto",
        ]
        let setPath = out.appendingPathComponent("in.pb")
        try await Data(Protoc.descriptorSet(files, importPaths: [Self.protos], sourceInfo: true)).write(to: setPath)
        let parsed = out.appendingPathComponent("parsed"), fromSet = out.appendingPathComponent("set")
        #expect(try await run(["-I", Self.protos, "--swift_out=\(parsed.path)"] + files).status == 0)
        #expect(
            try await run(["--descriptor_set_in=\(setPath.path)", "--swift_out=\(fromSet.path)"] + files).status == 0)
        for file in files {
            let name = file.replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: ".proto", with: ".pb.swift")
            let left = try String(contentsOf: parsed.appendingPathComponent(name), encoding: .utf8)
            let right = try String(contentsOf: fromSet.appendingPathComponent(name), encoding: .utf8)
            #expect(left == right, "\(name) differs")
        }
    }

    @Test("--descriptor_set_in generates from protoc's compiled files")
    func descriptorSetInput() async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let setPath = out.appendingPathComponent("in.pb")
        try await Data(Protoc.descriptorSet(["emittertest/features.proto"], importPaths: [Self.protos]))
            .write(to: setPath)
        let result = try await run([
            "--descriptor_set_in=\(setPath.path)", "--swift_out=\(out.path)", "emittertest/features.proto",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("emittertest_features.pb.swift").path))
        let missing = try await run(["--descriptor_set_in=\(setPath.path)", "--swift_out=\(out.path)", "nope.proto"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.proto: not in descriptor set"))
    }

    @Test("a schema error prints file:line:col: message, exits non-zero and writes nothing")
    func schemaError() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "syntax = \"proto3\";\nmessage A { int32 x = 1; Missing m = 2; }\n"
            .write(to: directory.appendingPathComponent("bad.proto"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let result = try await run(["-I", directory.path, "--swift_out=\(out.path)", "bad.proto"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("bad.proto:2:26: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("no output flag, or no file, is a usage error")
    func usageErrors() async throws {
        #expect(try await run(["-I", Self.protos, "emittertest/prefixed.proto"]).status != 0)
        #expect(try await run(["-I", Self.protos, "--swift_out=/tmp"]).status != 0)
    }

    @Test("an unchanged output file is left alone, so builds do not recompile it")
    func unchangedOutputKept() async throws {
        let out = try scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let arguments = ["-I", Self.protos, "--swift_out=\(out.path)", "emittertest/prefixed.proto"]
        _ = try await run(arguments)
        let path = out.appendingPathComponent("emittertest_prefixed.pb.swift").path
        let past = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        _ = try await run(arguments)
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(modified == past)
    }
}

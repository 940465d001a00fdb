import ProtoDescriptors
import ProtoParser
import Testing

/// The public entry point: file naming, dependency order, in-memory sources, diagnostics.
@Suite("ProtoCompiler")
struct ProtoCompilerTests {
    @Test("a file given by a path under an import path is named relative to that import path")
    func virtualNames() throws {
        let files = try ProtoCompiler(importPaths: ["/usr/share/grpc-proto", "/usr/include"])
            .compile(files: ["/usr/share/grpc-proto/grpc/lb/v1/load_balancer.proto"])
        #expect(
            files.map(\.name) == [
                "google/protobuf/duration.proto", "google/protobuf/timestamp.proto", "grpc/lb/v1/load_balancer.proto",
            ])
    }

    @Test("several requested files come out once each, every file after its imports")
    func dependencyOrder() throws {
        let sources: [String: [UInt8]] = [
            "a.proto": Array(
                "syntax = \"proto3\"; import \"b.proto\"; import \"c.proto\"; message A { B b = 1; C c = 2; }".utf8),
            "b.proto": Array("syntax = \"proto3\"; import \"c.proto\"; message B { C c = 1; }".utf8),
            "c.proto": Array("syntax = \"proto3\"; message C {}".utf8),
        ]
        let files = try ProtoCompiler(importPaths: [], sources: sources).compile(files: [
            "c.proto", "a.proto", "b.proto",
        ])
        #expect(files.map(\.name) == ["c.proto", "b.proto", "a.proto"])
    }

    @Test("public imports are re-exported transitively; plain imports are not")
    func publicImports() throws {
        let sources: [String: [UInt8]] = [
            "top.proto": Array(
                "syntax = \"proto3\"; import \"mid.proto\"; message T { Base b = 1; Hidden h = 2; }".utf8),
            "mid.proto": Array("syntax = \"proto3\"; import public \"base.proto\"; import \"hidden.proto\";".utf8),
            "base.proto": Array("syntax = \"proto3\"; message Base {}".utf8),
            "hidden.proto": Array("syntax = \"proto3\"; message Hidden {}".utf8),
        ]
        let error = try #require(throws: ProtoCompileError.self) {
            try ProtoCompiler(importPaths: [], sources: sources).compile(files: ["top.proto"])
        }
        #expect(
            error.diagnostics.map(\.description) == [
                "top.proto:1:64: \"Hidden\" seems to be defined in \"hidden.proto\", which is not imported by \"top.proto\".  To use it here, please add the necessary import."
            ])
    }

    @Test("a diagnostic prints as file:line:col: message, or file: message without a position")
    func diagnosticFormat() {
        #expect(Diagnostic(file: "a.proto", line: 3, column: 7, message: "Boom.").description == "a.proto:3:7: Boom.")
        #expect(
            Diagnostic(file: "a.proto", line: 0, column: 0, message: "File not found.").description
                == "a.proto: File not found.")
        let error = ProtoCompileError(diagnostics: [
            Diagnostic(file: "a.proto", line: 1, column: 2, message: "One."),
            Diagnostic(file: "b.proto", line: 3, column: 4, message: "Two."),
        ])
        #expect(error.description == "a.proto:1:2: One.\nb.proto:3:4: Two.")
    }

    @Test("columns count tabs to the next multiple of 8, as protoc does")
    func tabColumns() throws {
        let sources: [String: [UInt8]] = [
            "t.proto": Array("syntax = \"proto3\";\nmessage A {\n\tNope\tx = 1;\n}\n".utf8)
        ]
        let error = try #require(throws: ProtoCompileError.self) {
            try ProtoCompiler(importPaths: [], sources: sources).compile(files: ["t.proto"])
        }
        #expect(error.diagnostics.map(\.description) == ["t.proto:3:9: \"Nope\" is not defined."])
    }

    @Test("integer literals in hex and octal, and float literals with exponents, give protoc's defaults")
    func literals() throws {
        let source = """
            syntax = "proto2";
            message L {
              optional int32 hex = 1 [default = 0x7fffffff];
              optional int32 octal = 2 [default = -0777];
              optional double exponent = 3 [default = .5e-3];
              optional float whole = 4 [default = 10];
              optional string joined = 5 [default = "a" 'b' "\\x63"];
            }
            """
        let file = try #require(
            try ProtoCompiler(importPaths: [], sources: ["l.proto": Array(source.utf8)]).compile(files: ["l.proto"])
                .first)
        #expect(
            file.messageType.first?.field.map { $0.defaultValue ?? "" } == [
                "2147483647", "-511", "0.0005", "10", "abc",
            ])
    }
}

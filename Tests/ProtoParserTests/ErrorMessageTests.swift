import ProtoParser
import Testing

/// Each kind of error is reported as `file:line:col: message` (1-based). Every case is also
/// given to protoc, whose diagnostics must be the same set, except the few marked
/// `sameAsProtoc: false` (our nesting limit, and places where we give a position protoc omits).
@Suite("Error messages")
struct ErrorMessageTests {
    /// Our diagnostics; unless told otherwise, also checks that protoc reports the same set.
    func diagnostics(
        _ source: String, file: String = "e.proto", others: [String: String] = [:], importPaths: [String] = [],
        sameAsProtoc: Bool = true
    ) async throws -> [String] {
        let sources = try ProtoSources(others.merging([file: source]) { $1 })
        defer { sources.remove() }
        let ours = sources.diagnostics(compiling: file, importPaths: importPaths)
        if sameAsProtoc {
            #expect(
                try await sources.protocDiagnostics(compiling: file, importPaths: importPaths).sorted()
                    == ours.sorted(), "protoc agrees")
        }
        return ours
    }

    @Test("a syntax error names the expected token at the offending token")
    func syntaxError() async throws {
        #expect(
            try await diagnostics("syntax = \"proto2\";\nmessage A {\n  optional int32 x = 1\n}\n") == [
                "e.proto:4:1: Expected \";\"."
            ])
    }

    @Test("after a syntax error the parser skips the statement and reports later ones too")
    func severalSyntaxErrors() async throws {
        let source =
            "syntax = \"proto3\";\nmessage A {\n  int32 a = ;\n  int32 b = 2;\n  string = 3;\n}\nenum E {\n  X = ;\n  Y = 1;\n}\nservice S {\n  rpc M(A) returns A;\n}\nmessage B {}\n"
        #expect(
            try await diagnostics(source) == [
                "e.proto:3:13: Expected field number.",
                "e.proto:5:10: Expected field name.",
                "e.proto:8:7: Expected integer.",
                "e.proto:12:20: Expected \"(\".",
            ])
    }

    @Test("a stray closing brace is reported and skipped")
    func unmatchedBrace() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {}\n}\nmessage B { int32 }\n") == [
                "e.proto:3:1: Expected top-level statement (e.g. \"message\").",
                "e.proto:3:1: Unmatched \"}\".",
                "e.proto:4:19: Expected field name.",
            ])
    }

    @Test("block comments may not nest and must be closed")
    func blockComments() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\n/* outer /* inner */\nmessage A {}\n/* never closed\n") == [
                "e.proto:2:11: \"/*\" inside block comment.  Block comments cannot be nested.",
                "e.proto:4:1:   Comment started here.",
                "e.proto:5:1: End-of-file inside block comment.",
            ])
    }

    @Test("non-ASCII bytes and control characters outside strings are reported")
    func strayBytes() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nmessage A { int32 \u{e9} = 1; }\nmessage B { int32 b = 1; } \u{1}\n") == [
                    "e.proto:2:19: Interpreting non ascii codepoint 195.",
                    "e.proto:2:19: Expected field name.",
                    "e.proto:2:20: Interpreting non ascii codepoint 169.",
                    "e.proto:3:28: Invalid control characters encountered in text.",
                ])
    }

    @Test("a string literal may not cross a line")
    func unterminatedString() async throws {
        #expect(
            try await diagnostics("syntax = \"proto2\";\nmessage A {\n  optional string s = 1 [default = \"abc\n") == [
                "e.proto:3:40: String literals cannot cross line boundaries.",
                "e.proto:4:1: Expected \"]\".",
                "e.proto:4:1: Reached end of input in message definition (missing '}').",
            ])
    }

    @Test("unknown types are reported at the type name, all of them")
    func unknownTypes() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\npackage p;\nmessage A {\n  Missing m = 1;\n  p.Nope n = 2;\n}\n") == [
                    "e.proto:4:3: \"Missing\" is not defined.",
                    "e.proto:5:3: \"p.Nope\" is not defined.",
                ])
    }

    @Test("a partly resolved name explains the innermost-scope rule")
    func partlyResolvedName() async throws {
        let source = "syntax = \"proto3\";\npackage a.b;\nmessage b {\n  b.Inner x = 1;\n}\n"
        #expect(
            try await diagnostics(source) == [
                "e.proto:4:3: \"b.Inner\" is resolved to \"a.b.b.Inner\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \".b.Inner\") to start from the outermost scope."
            ])
    }

    @Test("a type from a file that is not imported is named with its file")
    func typeFromFileNotImported() async throws {
        let others = [
            "other.proto": "syntax = \"proto3\";\nmessage Hidden {}\n",
            "middle.proto": "syntax = \"proto3\";\nimport \"other.proto\";\n",
        ]
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nimport \"middle.proto\";\nmessage A {\n  Hidden h = 1;\n}\n", others: others)
                == [
                    "e.proto:4:3: \"Hidden\" seems to be defined in \"other.proto\", which is not imported by \"e.proto\".  To use it here, please add the necessary import."
                ])
    }

    @Test("a field number used twice is reported at the second use")
    func duplicateFieldNumber() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n}\n") == [
                "e.proto:4:13: Field number 1 has already been used in \"A\" by field \"a\"."
            ])
    }

    @Test("duplicate names are reported at the second declaration, in its scope")
    func duplicateNames() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  string a = 2;\n}\nmessage A {}\n") == [
                    "e.proto:4:10: \"a\" is already defined in \"A\".",
                    "e.proto:6:9: \"A\" is already defined.",
                ])
    }

    @Test("field numbers must be positive, at most 2^29-1, and outside 19000-19999")
    func fieldNumberRange() async throws {
        // protoc adds a "Suggested field numbers" line.
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nmessage A {\n  int32 zero = 0;\n  int32 big = 536870912;\n  int32 impl = 19500;\n}\n",
                sameAsProtoc: false) == [
                    "e.proto:3:16: Field numbers must be positive integers.",
                    "e.proto:4:15: Field numbers cannot be greater than 536870911.",
                    "e.proto:5:16: Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.",
                ])
    }

    @Test("fields may not use reserved names or numbers")
    func reservedNamesAndNumbers() async throws {
        let source =
            "syntax = \"proto2\";\nmessage A {\n  reserved 5, 10 to 12;\n  reserved \"old\";\n  optional int32 old = 1;\n  optional int32 eleven = 11;\n}\n"
        // protoc gives the reserved number no position (and suggests free numbers); we point at it.
        #expect(
            try await diagnostics(source, sameAsProtoc: false) == [
                "e.proto:5:18: Field name \"old\" is reserved.",
                "e.proto:6:27: Field \"eleven\" uses reserved number 11.",
            ])
    }

    @Test("reserved and extension ranges: valid bounds, no overlaps")
    func ranges() async throws {
        let source =
            "syntax = \"proto2\";\nmessage R {\n  reserved 1 to 10, 5 to 20;\n  extensions 100 to 200, 150 to 300;\n  extensions 30 to 40;\n  reserved 35;\n}\n"
        // protoc gives no position for the reserved-range overlap; we point at the range.
        #expect(
            try await diagnostics(source, sameAsProtoc: false) == [
                "e.proto:3:21: Reserved range 5 to 20 overlaps with already-defined range 1 to 10.",
                "e.proto:4:14: Extension range 150 to 300 overlaps with already-defined range 100 to 200.",
                "e.proto:5:14: Extension range 30 to 40 overlaps with reserved range 35 to 35.",
            ])
        for (body, message) in [
            ("extensions 0;", "Extension numbers must be positive integers."),
            ("extensions 5 to 2;", "Extension range end number must be greater than start number."),
            ("extensions 600000000;", "Extension numbers cannot be greater than 536870911."),
        ] {
            #expect(
                try await diagnostics(
                    "syntax = \"proto2\";\nmessage R {\n  \(body)\n}\n", sameAsProtoc: !body.hasSuffix(" 0;")) == [
                        "e.proto:3:14: " + message
                    ])
        }
    }

    @Test("a file with errors is left out: importers say so, and its names are unknown to them")
    func importWithErrors() async throws {
        let others = ["bad.proto": "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n}\n"]
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nimport \"bad.proto\";\nmessage B {\n  A a = 1;\n}\n", others: others) == [
                    "bad.proto:4:13: Field number 1 has already been used in \"A\" by field \"a\".",
                    "e.proto:2:1: Import \"bad.proto\" was not found or had errors.",
                    "e.proto:4:3: \"A\" is not defined.",
                ])
    }

    @Test("a missing import is reported for the missing file and at the import statement")
    func missingImport() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nimport \"nowhere/gone.proto\";\n") == [
                "nowhere/gone.proto: File not found.",
                "e.proto:2:1: Import \"nowhere/gone.proto\" was not found or had errors.",
            ])
    }

    @Test("an import cycle is reported with the whole cycle, then at each import on it")
    func importCycle() async throws {
        let others = ["b.proto": "syntax = \"proto3\";\n\nimport \"a.proto\";\n"]
        #expect(
            try await diagnostics("syntax = \"proto3\";\nimport \"b.proto\";\n", file: "a.proto", others: others) == [
                "a.proto:2:1: File recursively imports itself: a.proto -> b.proto -> a.proto",
                "b.proto:3:1: Import \"a.proto\" was not found or had errors.",
                "a.proto:2:1: Import \"b.proto\" was not found or had errors.",
            ])
    }

    @Test("proto3: the first enum value must be zero")
    func proto3FirstEnumValue() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nenum E {\n  FIRST = 1;\n}\n") == [
                "e.proto:3:11: The first enum value must be zero in proto3."
            ])
    }

    @Test("proto3: enum value names may not clash once the enum's name prefix is stripped")
    func proto3EnumValuePrefixes() async throws {
        let source =
            "syntax = \"proto3\";\nenum Foo { FOO_UNKNOWN = 0; UNKNOWN = 1; FOO_BAR = 2; BAR = 2; option allow_alias = true; }\n"
        #expect(
            try await diagnostics(source) == [
                "e.proto:2:29: Enum name UNKNOWN has the same name as FOO_UNKNOWN if you ignore case and strip out the enum name prefix (if any). This is error-prone and can lead to undefined behavior. Please avoid doing this. If you are using allow_alias, please assign the same numeric value to both enums."
            ])
    }

    @Test("proto3: no extension ranges, and extensions only of options messages")
    func proto3Extensions() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  extensions 100 to 200, 300;\n  extensions 400;\n}\n"
            ) == [
                "e.proto:4:14: Extension ranges are not allowed in proto3."
            ])
        let others = [
            "p2.proto": "syntax = \"proto2\";\nmessage A {\n  optional int32 a = 1;\n  extensions 100 to 200;\n}\n"
        ]
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nimport \"p2.proto\";\nextend A {\n  int32 b = 150;\n}\n", others: others) == [
                    "e.proto:3:8: Extensions in proto3 are only allowed for defining options."
                ])
    }

    @Test("proto3: no required fields")
    func proto3Required() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {\n  required int32 a = 1;\n}\n") == [
                "e.proto:3:12: Required fields are not allowed in proto3."
            ])
    }

    @Test("proto3: no default values")
    func proto3Defaults() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {\n  int32 a = 1 [default = 5];\n}\n") == [
                "e.proto:3:26: Explicit default values are not allowed in proto3."
            ])
    }

    @Test("enum values may share a number only with allow_alias")
    func enumAlias() async throws {
        #expect(
            try await diagnostics("syntax = \"proto2\";\nenum E {\n  A = 1;\n  B = 1;\n}\n") == [
                "e.proto:4:7: \"B\" uses the same enum value as \"A\". If this is intended, set 'option allow_alias = true;' to the enum definition."
            ])
    }

    @Test("extension numbers must lie in an extension range of the extendee")
    func extensionOutsideRange() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto2\";\nmessage A {\n  extensions 100 to 200;\n}\nextend A {\n  optional int32 x = 5;\n}\n"
            ) == [
                "e.proto:6:22: \"A\" does not declare 5 as an extension number."
            ])
    }

    @Test("a singular option set inside an earlier aggregate value counts as already set")
    func optionAlreadySet() async throws {
        let source = """
            syntax = "proto2";
            import "google/protobuf/descriptor.proto";
            message R { optional int32 w = 1; optional R c = 2; optional string n = 3; }
            extend google.protobuf.MessageOptions { optional R rule = 5000; }
            message M {
              option (rule) = { w: 1 c { n: "x" } };
              option (rule).w = 2;
            }
            message N {
              option (rule).c.n = "y";
              option (rule).c.w = 3;
              option deprecated = true;
              option deprecated = false;
            }
            """
        #expect(
            try await diagnostics(source, importPaths: ["/usr/include"]) == [
                "e.proto:7:10: Option \"(rule).w\" was already set.",
                "e.proto:13:10: Option \"deprecated\" was already set.",
            ])
    }

    @Test("options set through nested groups are found again, whatever bytes their values hold")
    func optionAlreadySetInGroups() async throws {
        let source = """
            syntax = "proto2";
            import "google/protobuf/descriptor.proto";
            extend google.protobuf.MessageOptions {
              optional group Outer = 6000 {
                optional group Inner = 1 { optional int32 v = 1; }
                optional int32 w = 2;
              }
            }
            message M {
              option (outer).inner.v = 12;
              option (outer).w = 2;
              option (outer).inner.v = 3;
            }
            """
        #expect(
            try await diagnostics(source, importPaths: ["/usr/include"]) == [
                "e.proto:12:10: Option \"(outer).inner.v\" was already set."
            ])
    }

    @Test("default values must suit the field's type")
    func defaultValues() async throws {
        let source =
            "syntax = \"proto2\";\nmessage A {\n  optional int32 y = 2 [default = 1.5];\n  optional bool w = 4 [default = 1];\n  optional string s = 5 [default = x];\n  optional int32 big = 6 [default = 2147483648];\n}\n"
        #expect(
            try await diagnostics(source) == [
                "e.proto:3:35: Expected integer for field default value.",
                "e.proto:4:34: Expected \"true\" or \"false\".",
                "e.proto:5:36: Expected string for field default value.",
                "e.proto:6:37: Integer out of range.",
            ])
        // protoc points at the digits after the minus sign; we point at the sign.
        #expect(
            try await diagnostics(
                "syntax = \"proto2\";\nmessage A {\n  optional uint32 z = 3 [default = -1];\n}\n", sameAsProtoc: false)
                == [
                    "e.proto:3:36: Unsigned field can't have negative default value."
                ])
    }

    @Test("packed only on repeated primitive fields")
    func packedNeedsRepeatedPrimitive() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto2\";\nmessage A {\n  optional int32 a = 1 [packed = true];\n  repeated string s = 2 [packed = true];\n}\n"
            ) == [
                "e.proto:3:12: [packed = true] can only be specified for repeated primitive fields.",
                "e.proto:4:12: [packed = true] can only be specified for repeated primitive fields.",
            ])
    }

    @Test("a oneof needs at least one field")
    func emptyOneof() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {\n  oneof o {\n  }\n}\n") == [
                "e.proto:4:3: Expected type name."
            ])
    }

    @Test("map keys must be integral, bool or string")
    func mapKeys() async throws {
        let source =
            "syntax = \"proto3\";\nmessage A {\n  map<float, int32> m = 1;\n  map<A, int32> n = 2;\n  map<bytes, int32> o = 3;\n  map<E, int32> q = 4;\n}\nenum E { Z = 0; }\n"
        #expect(
            try await diagnostics(source) == [
                "e.proto:3:3: Key in map fields cannot be float/double, bytes or message types.",
                "e.proto:4:3: Key in map fields cannot be float/double, bytes or message types.",
                "e.proto:5:3: Key in map fields cannot be float/double, bytes or message types.",
                "e.proto:6:3: Key in map fields cannot be enum types.",
            ])
    }

    @Test("proto3: field names may not clash in JSON camel case")
    func proto3JSONNames() async throws {
        #expect(
            try await diagnostics("syntax = \"proto3\";\nmessage A {\n  int32 foo_bar = 1;\n  int32 fooBar = 2;\n}\n")
                == [
                    "e.proto:4:9: The JSON camel-case name of field \"fooBar\" conflicts with field \"foo_bar\". This is not allowed in proto3."
                ])
    }

    @Test("proto3: messages may not use proto2 enums")
    func proto3UsesProto2Enum() async throws {
        let others = ["p2enum.proto": "syntax = \"proto2\";\nenum P { P1 = 1; }\n"]
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\nimport \"p2enum.proto\";\nmessage A {\n  P p = 1;\n}\n", others: others) == [
                    "e.proto:4:3: Enum type \"P\" is not a proto3 enum, but is used in \"A\" which is a proto3 message type."
                ])
    }

    @Test("unknown options and badly typed option values are reported at the option")
    func badOptions() async throws {
        #expect(
            try await diagnostics(
                "syntax = \"proto3\";\noption (nope) = 1;\nmessage A {\n  int32 a = 1 [deprecated = 5];\n}\n") == [
                    "e.proto:2:8: Option \"(nope)\" unknown. Ensure that your proto definition file imports the proto which defines the option.",
                    "e.proto:4:29: Value must be identifier for boolean option \"google.protobuf.FieldOptions.deprecated\".",
                ])
    }

    @Test("nesting deeper than the parser's limit is an error, not a stack overflow")
    func deepNesting() async throws {
        let depth = 10_000
        let source = String(repeating: "message M {", count: depth) + String(repeating: "}", count: depth)
        let result = try await diagnostics(source, sameAsProtoc: false)
        #expect(result.count == 1)
        #expect(result.first?.hasSuffix("Nesting is deeper than 64 levels.") == true)
    }

    @Test("deeply nested aggregate option values are an error, not a stack overflow")
    func deepAggregate() async throws {
        let source =
            "syntax = \"proto2\";\nmessage A { option deprecated = " + String(repeating: "{ a ", count: 5000) + "; }"
        #expect(
            try await diagnostics(source, sameAsProtoc: false) == [
                "e.proto:2:285: Nesting is deeper than 64 levels.",
                "e.proto:2:20036: Reached end of input in message definition (missing '}').",
            ])
    }
}

import DynamicProto
import ProtoParser
import ProtocSupport

/// Pools built by ProtoCompiler from the project's protos, and protoc runs on the same files.
enum Fixtures {
    static let testMessagesFile = "codectest/test_messages.proto"

    /// A pool of `files` and everything they import.
    static func pool(_ files: [String]) throws -> DescriptorPool {
        try DescriptorPool(files: ProtoCompiler(importPaths: Protoc.standardImports).compile(files: files))
    }

    /// `protoc --encode=type file < text`.
    static func protocEncode(_ text: String, type: String, file: String = testMessagesFile) async throws -> [UInt8] {
        try await Protoc.run(
            Protoc.standardImports.map { "-I\($0)" } + ["--encode=\(type)", file], input: Array(text.utf8))
    }

    /// `protoc --decode=type file < bytes`.
    static func protocDecode(_ bytes: [UInt8], type: String, file: String = testMessagesFile) async throws -> String {
        let output = try await Protoc.run(
            Protoc.standardImports.map { "-I\($0)" } + ["--decode=\(type)", file], input: bytes)
        return String(decoding: output, as: UTF8.self)
    }

    /// A TestAllTypes with every kind of field set, maps with one entry each, in text format.
    static let richTestAllTypes = #"""
        singular_int32: -5
        singular_int64: -9223372036854775808
        singular_uint32: 4294967295
        singular_uint64: 18446744073709551615
        singular_sint32: -2147483648
        singular_sint64: 9223372036854775807
        singular_fixed32: 7
        singular_fixed64: 8
        singular_sfixed32: -9
        singular_sfixed64: -10
        singular_float: 0.1
        singular_double: 0.3333333333333333
        singular_bool: true
        singular_string: "h\303\251llo\n\"q\" \\ \001"
        singular_bytes: "\000\001\377abc"
        singular_nested_enum: NEG
        singular_nested_message { a: 17 b: "inner" }
        recursive { singular_int32: 1 recursive { singular_string: "deep" } }
        repeated_int32: [1, -2, 3]
        repeated_int64: [-1, 2]
        repeated_uint32: [0, 4294967295]
        repeated_uint64: [18446744073709551615]
        repeated_sint32: [-1, 1]
        repeated_sint64: [-3]
        repeated_fixed32: [1, 2]
        repeated_fixed64: [3]
        repeated_sfixed32: [-4]
        repeated_sfixed64: [-5]
        repeated_float: [1.5, -0, inf]
        repeated_double: [2.5, nan, -inf]
        repeated_bool: [true, false]
        repeated_string: ["a", "", "c"]
        repeated_bytes: ["x", ""]
        repeated_nested_enum: [FOO, BAR, 7]
        repeated_nested_message { a: 1 }
        repeated_nested_message { b: "two" }
        optional_int32: 0
        optional_sint64: 0
        optional_double: 0
        optional_bool: false
        optional_string: ""
        optional_bytes: ""
        optional_nested_enum: ZERO
        optional_float: 0
        map_string_string { key: "k" value: "v" }
        map_int32_bytes { key: -1 value: "\001" }
        map_int64_nested_message { key: 5 value { a: 9 } }
        map_uint32_nested_enum { key: 3 value: BAZ }
        map_bool_double { key: true value: 1.25 }
        map_sint64_string { key: -7 value: "neg" }
        map_fixed32_double { key: 4 value: -0.5 }
        oneof_nested_message { a: 3 b: "oneof" }
        """#
}

/// Messages the JSON mapping is checked on against Python's json_format, in text format.
struct JSONCorpusCase: Sendable, CustomStringConvertible {
    /// What the case covers.
    let name: String
    let type: String
    let text: String
    /// Raw bytes appended to protoc's encoding (unknown fields).
    var extraBytes: [UInt8] = []
    var emitDefaults = false
    var keepProtoNames = false
    /// Nil when our text must equal Python's after removing whitespace; else why it may
    /// differ (and the case is compared by value only).
    var textDiffers: String?

    var description: String { name }
}

enum JSONCorpus {
    static let allTypes = "codectest.TestAllTypes"
    static let wellKnown = "jsontest.WellKnown"

    /// Not in the corpus: the largest float, 3.4028235e38. json_format prints it so but then
    /// rejects that text as "Float value too large" (it compares the decimal value, not the
    /// value rounded to float); we accept it, as the C++ parser does.
    static let cases: [JSONCorpusCase] = [
        JSONCorpusCase(
            name: "64-bit extremes as strings", type: allTypes,
            text: """
                singular_int64: 9223372036854775807 singular_uint64: 18446744073709551615
                singular_sint64: -9223372036854775808 singular_fixed64: 18446744073709551615 singular_sfixed64: -1
                repeated_int64: [-9223372036854775808, 0, 1] repeated_uint64: [0, 18446744073709551615]
                """),
        JSONCorpusCase(
            name: "32-bit extremes as numbers", type: allTypes,
            text: """
                singular_int32: -2147483648 singular_uint32: 4294967295 singular_sint32: 2147483647
                singular_fixed32: 4294967295 singular_sfixed32: -2147483648
                """),
        JSONCorpusCase(
            name: "enums by name, unknown numbers as numbers", type: allTypes,
            text: """
                singular_nested_enum: NEG repeated_nested_enum: [ZERO, FOO, 7, -5] optional_nested_enum: ZERO
                map_uint32_nested_enum { key: 1 value: 99 }
                """),
        JSONCorpusCase(
            name: "bytes as standard base64", type: allTypes,
            text: #"""
                singular_bytes: "\000\377\376abc" repeated_bytes: ["", "\373\377", "a", "ab"] optional_bytes: ""
                """#),
        JSONCorpusCase(
            name: "strings with escapes and non-ASCII", type: allTypes,
            text: #"""
                singular_string: "q\"uo\\te\n\t\001\037\177 é 日本 \360\237\230\200 </script>"
                """#,
            textDiffers: "json_format escapes non-ASCII as \\uXXXX (ensure_ascii); we write UTF-8 as grpcurl does"),
        JSONCorpusCase(
            name: "strings with escapes, ASCII only", type: allTypes,
            text: #"""
                singular_string: "q\"uo\\te\n\t\001\037 </script>" repeated_string: ["", "a/b"]
                """#),
        JSONCorpusCase(
            name: "NaN and infinities as strings", type: allTypes,
            text: """
                repeated_float: [nan, inf, -inf] repeated_double: [nan, inf, -inf] optional_double: -inf
                """),
        JSONCorpusCase(
            name: "finite floats", type: allTypes,
            text: """
                singular_float: 0.1 singular_double: 0.3333333333333333 repeated_float: [-0, 3.4028e38, 1e-45]
                repeated_double: [1e300, 5e-324, -0, 100, 123456789.125]
                """,
            textDiffers:
                "json_format prints the float 1e-45 (smallest subnormal) as 1.4013e-45; we print the shortest form"),
        JSONCorpusCase(
            name: "maps with every key type", type: allTypes,
            text: #"""
                map_string_string { key: "b" value: "1" } map_string_string { key: "a" value: "" }
                map_int32_bytes { key: -1 value: "\001" } map_int32_bytes { key: 7 value: "" }
                map_int64_nested_message { key: -9223372036854775808 value { a: 9 } } map_int64_nested_message { key: 3 value { } }
                map_uint32_nested_enum { key: 4294967295 value: BAZ } map_bool_double { key: true value: 1.5 }
                map_bool_double { key: false value: -2 } map_sint64_string { key: -7 value: "neg" }
                map_fixed32_double { key: 4 value: -0.5 }
                """#, textDiffers: "json_format keeps map insertion order; we sort keys"),
        JSONCorpusCase(name: "oneof set to its default", type: allTypes, text: "oneof_uint32: 0"),
        JSONCorpusCase(name: "oneof message", type: allTypes, text: #"oneof_nested_message { a: 3 b: "x" }"#),
        JSONCorpusCase(name: "oneof enum", type: allTypes, text: "oneof_enum: BAR"),
        JSONCorpusCase(
            name: "proto3 optional fields set to zero", type: allTypes,
            text: #"""
                optional_int32: 0 optional_sint64: 0 optional_double: 0 optional_bool: false optional_string: ""
                optional_nested_enum: ZERO optional_float: 0
                """#),
        JSONCorpusCase(
            name: "nested and recursive messages", type: allTypes,
            text: #"""
                singular_nested_message { a: 1 } recursive { recursive { singular_string: "deep" } }
                repeated_nested_message { } repeated_nested_message { b: "two" }
                """#),
        JSONCorpusCase(
            name: "unknown fields are dropped", type: allTypes, text: "singular_int32: 1",
            extraBytes: [0xC0, 0x3E, 0x05, 0x83, 0x7D, 0x08, 0x05, 0x84, 0x7D]),
        JSONCorpusCase(
            name: "emit defaults on an empty message", type: allTypes, text: "", emitDefaults: true),
        JSONCorpusCase(
            name: "emit defaults with some fields set", type: allTypes,
            text: "singular_int32: 5 optional_int32: 0 oneof_string: \"\" repeated_bool: [true]", emitDefaults: true,
            textDiffers: "json_format prints set fields first, then defaults"),
        JSONCorpusCase(name: "emit defaults on well-known types", type: wellKnown, text: "", emitDefaults: true),
        JSONCorpusCase(
            name: "proto field names kept", type: allTypes,
            text: "singular_nested_enum: FOO map_bool_double { key: true value: 1 } optional_bytes: \"a\"",
            keepProtoNames: true),
        JSONCorpusCase(
            name: "timestamp with millisecond fraction", type: wellKnown,
            text: "timestamp { seconds: 63072020 nanos: 21000000 }"),
        JSONCorpusCase(
            name: "timestamp with micro and nano fractions", type: wellKnown,
            text: """
                timestamp { seconds: -1 nanos: 1000 }
                timestamps { key: "n" value { seconds: 1 nanos: 1 } }
                """),
        JSONCorpusCase(
            name: "timestamp extremes", type: wellKnown,
            text: """
                timestamp { seconds: -62135596800 }
                timestamps { key: "max" value { seconds: 253402300799 nanos: 999999999 } }
                """),
        JSONCorpusCase(
            name: "durations", type: wellKnown,
            text: """
                duration { seconds: -1 nanos: -500000000 }
                any { [type.googleapis.com/google.protobuf.Duration] { seconds: 315576000000 nanos: 1000 } }
                anys { [type.googleapis.com/google.protobuf.Duration] { nanos: -1 } }
                anys { [type.googleapis.com/google.protobuf.Duration] { } }
                """),
        JSONCorpusCase(
            name: "wrappers as plain values", type: wellKnown,
            text: #"""
                int64_value { value: -9223372036854775808 } uint64_value { value: 18446744073709551615 }
                int32_value { } uint32_value { value: 4294967295 } bool_value { value: false }
                string_value { value: "s" } bytes_value { value: "\377" } double_value { value: inf } float_value { value: 1.5 }
                """#),
        JSONCorpusCase(
            name: "empty and field mask", type: wellKnown,
            text: """
                empty { } field_mask { paths: ["foo_bar", "baz.qux_quux", "a"] }
                """),
        JSONCorpusCase(
            name: "struct, value and list value", type: wellKnown,
            text: #"""
                struct { fields { key: "n" value { number_value: 1.5 } } fields { key: "z" value { null_value: NULL_VALUE } } }
                value { list_value { values { string_value: "s" } values { bool_value: true } values { struct_value { } } } }
                list_value { values { null_value: NULL_VALUE } values { list_value { } } }
                values { null_value: NULL_VALUE } values { number_value: -3 }
                """#, textDiffers: "json_format prints Struct fields in map order; we sort keys"),
        JSONCorpusCase(
            name: "any with a regular message and with well-known types", type: wellKnown,
            text: #"""
                any { [type.googleapis.com/codectest.TestAllTypes.NestedMessage] { a: 1 b: "x" } }
                anys { [type.googleapis.com/google.protobuf.Timestamp] { seconds: 5 } }
                anys { [type.googleapis.com/codectest.TestAllTypes] { singular_int64: 5 map_string_string { key: "k" value: "v" } } }
                anys { [type.googleapis.com/google.protobuf.Struct] { fields { key: "a" value { string_value: "b" } } } }
                anys { [type.googleapis.com/google.protobuf.Int64Value] { value: 7 } }
                anys { [type.googleapis.com/google.protobuf.Empty] { } }
                """#),
    ]
}

import Foundation

/// Cases for messages, repeated fields, explicit presence, maps and oneofs.
enum CompositeCases {
    static let all: [ProtocCase] = [
        ProtocCase("an empty nested message is still present", "singular_nested_message {}") {
            $0.singularNestedMessage = .init()
        },
        ProtocCase(
            "nested and recursive messages",
            #"singular_nested_message { a: -3 b: "x" } recursive { recursive { singular_int32: 9 recursive {} } }"#
        ) {
            $0.singularNestedMessage = .init(a: -3, b: "x")
            var deepest = TestAllTypes()
            deepest.singularInt32 = 9
            deepest.recursive = TestAllTypes()
            var middle = TestAllTypes()
            middle.recursive = deepest
            $0.recursive = middle
        },
        ProtocCase(
            "packed varint fields",
            "repeated_int32: [0, -1, 300] repeated_int64: [-9223372036854775808, 1] repeated_uint32: [4294967295] "
                + "repeated_uint64: [18446744073709551615, 0] repeated_sint32: [-1, 1, -2147483648] "
                + "repeated_sint64: [9223372036854775807] repeated_bool: [true, false, true] repeated_nested_enum: [FOO, NEG, 9]"
        ) {
            $0.repeatedInt32 = [0, -1, 300]
            $0.repeatedInt64 = [.min, 1]
            $0.repeatedUint32 = [.max]
            $0.repeatedUint64 = [.max, 0]
            $0.repeatedSint32 = [-1, 1, .min]
            $0.repeatedSint64 = [.max]
            $0.repeatedBool = [true, false, true]
            $0.repeatedNestedEnum = [.foo, .neg, .unrecognized(9)]
        },
        ProtocCase(
            "packed fixed-width fields",
            "repeated_fixed32: [1, 4294967295] repeated_fixed64: [2] repeated_sfixed32: [-1] "
                + "repeated_sfixed64: [-9223372036854775808] repeated_float: [1.5, -0.0, inf] repeated_double: [-2.25, 0]"
        ) {
            $0.repeatedFixed32 = [1, .max]
            $0.repeatedFixed64 = [2]
            $0.repeatedSfixed32 = [-1]
            $0.repeatedSfixed64 = [.min]
            $0.repeatedFloat = [1.5, -0.0, .infinity]
            $0.repeatedDouble = [-2.25, 0]
        },
        ProtocCase(
            "repeated strings, bytes and messages keep one key per element, empty ones included",
            #"repeated_string: ["a", "", "ü"] repeated_bytes: ["", "\377"] repeated_nested_message: [{a: 1}, {}, {b: "z"}]"#
        ) {
            $0.repeatedString = ["a", "", "ü"]
            $0.repeatedBytes = [Data(), Data([0xFF])]
            $0.repeatedNestedMessage = [.init(a: 1), .init(), .init(b: "z")]
        },
        ProtocCase(
            "explicit presence writes zero values",
            #"optional_int32: 0 optional_sint64: 0 optional_double: 0 optional_bool: false optional_string: "" "#
                + #"optional_bytes: "" optional_nested_enum: ZERO optional_float: -0.0"#
        ) {
            $0.optionalInt32 = 0
            $0.optionalSint64 = 0
            $0.optionalDouble = 0
            $0.optionalBool = false
            $0.optionalString = ""
            $0.optionalBytes = Data()
            $0.optionalNestedEnum = .zero
            $0.optionalFloat = -0.0
        },
        ProtocCase(
            "explicit presence with non-zero values",
            #"optional_int32: -5 optional_sint64: -9223372036854775808 optional_string: "s" optional_nested_enum: BAZ"#
        ) {
            $0.optionalInt32 = -5
            $0.optionalSint64 = .min
            $0.optionalString = "s"
            $0.optionalNestedEnum = .baz
        },
        ProtocCase(
            "one entry in each map writes key and value, defaults included",
            #"map_string_string { key: "" value: "" } map_int32_bytes { key: -1 value: "\001" } "#
                + #"map_int64_nested_message { key: 5 value { a: 2 } } map_uint32_nested_enum { key: 4294967295 value: NEG } "#
                + #"map_bool_double { key: true value: -0.0 } map_sint64_string { key: -9223372036854775808 value: "é" } "#
                + #"map_fixed32_double { key: 7 value: nan }"#
        ) {
            $0.mapStringString = ["": ""]
            $0.mapInt32Bytes = [-1: Data([1])]
            $0.mapInt64NestedMessage = [5: .init(a: 2)]
            $0.mapUint32NestedEnum = [.max: .neg]
            $0.mapBoolDouble = [true: -0.0]
            $0.mapSint64String = [.min: "é"]
            $0.mapFixed32Double = [7: .nan]
        },
        ProtocCase("a oneof uint32 member set to zero is written", "oneof_uint32: 0") {
            $0.oneofField = .oneofUint32(0)
        },
        ProtocCase("a oneof string member set to empty is written", #"oneof_string: """#) {
            $0.oneofField = .oneofString("")
        },
        ProtocCase("a oneof bytes member", #"oneof_bytes: "\000""#) { $0.oneofField = .oneofBytes(Data([0])) },
        ProtocCase("a oneof message member, empty", "oneof_nested_message {}") {
            $0.oneofField = .oneofNestedMessage(.init())
        },
        ProtocCase("a oneof enum member set to zero is written", "oneof_enum: ZERO") {
            $0.oneofField = .oneofEnum(.zero)
        },
        ProtocCase(
            "every kind of field at once, in field-number order",
            #"singular_int32: 1 singular_string: "s" singular_nested_message { a: 1 } repeated_int32: [1] "#
                + #"repeated_string: ["r"] optional_int32: 0 map_string_string { key: "k" value: "v" } oneof_enum: FOO"#
        ) {
            $0.singularInt32 = 1
            $0.singularString = "s"
            $0.singularNestedMessage = .init(a: 1)
            $0.repeatedInt32 = [1]
            $0.repeatedString = ["r"]
            $0.optionalInt32 = 0
            $0.mapStringString = ["k": "v"]
            $0.oneofField = .oneofEnum(.foo)
        },
    ]
}

import Foundation

/// Cases for singular scalar fields: limits, sign extension, ZigZag, IEEE specials, text.
enum ScalarCases {
    static let all: [ProtocCase] = [
        ProtocCase("an empty message encodes to no bytes", "") { _ in },
        ProtocCase(
            "implicit-presence fields at their defaults are not written",
            #"singular_int32: 0 singular_string: "" singular_bool: false singular_double: 0 singular_bytes: """#
        ) { _ in },
        ProtocCase("a negative int32 is a sign-extended 10-byte varint", "singular_int32: -1 singular_int64: -1") {
            $0.singularInt32 = -1
            $0.singularInt64 = -1
        },
        ProtocCase(
            "varint limits of int32, int64, uint32 and uint64",
            "singular_int32: -2147483648 singular_int64: -9223372036854775808 "
                + "singular_uint32: 4294967295 singular_uint64: 18446744073709551615"
        ) {
            $0.singularInt32 = .min
            $0.singularInt64 = .min
            $0.singularUint32 = .max
            $0.singularUint64 = .max
        },
        ProtocCase("int32 and int64 maxima", "singular_int32: 2147483647 singular_int64: 9223372036854775807") {
            $0.singularInt32 = .max
            $0.singularInt64 = .max
        },
        ProtocCase(
            "ZigZag minima of sint32 and sint64", "singular_sint32: -2147483648 singular_sint64: -9223372036854775808"
        ) {
            $0.singularSint32 = .min
            $0.singularSint64 = .min
        },
        ProtocCase("ZigZag maxima and -1", "singular_sint32: 2147483647 singular_sint64: -1") {
            $0.singularSint32 = .max
            $0.singularSint64 = -1
        },
        ProtocCase(
            "fixed-width integers at their limits",
            "singular_fixed32: 4294967295 singular_fixed64: 18446744073709551615 "
                + "singular_sfixed32: -2147483648 singular_sfixed64: -9223372036854775808"
        ) {
            $0.singularFixed32 = .max
            $0.singularFixed64 = .max
            $0.singularSfixed32 = .min
            $0.singularSfixed64 = .min
        },
        ProtocCase(
            "negative zero floats are written (their bits are not zero)", "singular_float: -0.0 singular_double: -0.0"
        ) {
            $0.singularFloat = -0.0
            $0.singularDouble = -0.0
        },
        ProtocCase("infinities", "singular_float: -inf singular_double: inf") {
            $0.singularFloat = -.infinity
            $0.singularDouble = .infinity
        },
        ProtocCase("NaN in float and double", "singular_float: nan singular_double: nan") {
            $0.singularFloat = .nan
            $0.singularDouble = .nan
        },
        ProtocCase(
            "smallest subnormal and largest finite floats",
            "singular_float: 3.4028234663852886e+38 singular_double: 4.9406564584124654e-324"
        ) {
            $0.singularFloat = .greatestFiniteMagnitude
            $0.singularDouble = .leastNonzeroMagnitude
        },
        ProtocCase("bool true is one byte", "singular_bool: true") { $0.singularBool = true },
        ProtocCase(
            "unicode strings are UTF-8 on the wire",
            #"singular_string: "héllo wörld 🌍 日本語 \000""#
        ) { $0.singularString = "héllo wörld 🌍 日本語 \u{0}" },
        ProtocCase("bytes keep every byte value", #"singular_bytes: "\000\001\177\200\377""#) {
            $0.singularBytes = Data([0, 1, 0x7F, 0x80, 0xFF])
        },
        ProtocCase("a negative enum value is a 10-byte varint", "singular_nested_enum: NEG") {
            $0.singularNestedEnum = .neg
        },
        ProtocCase("an enum number the schema does not name is kept", "singular_nested_enum: 7") {
            $0.singularNestedEnum = .unrecognized(7)
        },
    ]
}

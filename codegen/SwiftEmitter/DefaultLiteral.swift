import ProtoDescriptors

/// Turns a proto2 `[default = ...]` (as protoc stores it in `default_value`) into a Swift literal.
enum DefaultLiteral {
    /// The literal for `field`'s declared default, or nil when it declares none.
    static func make(
        for field: FieldDescriptorProto, codec: FieldCodecChoice, in context: FileContext
    ) throws(SwiftEmitterError) -> String? {
        guard let text = field.defaultValue else { return nil }
        let invalid = SwiftEmitterError(
            file: context.fileName, message: "field \(field.name ?? "?") has an invalid default \"\(text)\"")
        switch field.type ?? .unrecognized(0) {
        case .string:
            return SwiftNaming.stringLiteral(text)
        case .bytes:
            guard let bytes = unescapeBytes(text) else { throw invalid }
            return "Data([" + bytes.map(String.init).joined(separator: ", ") + "])"
        case .bool:
            guard text == "true" || text == "false" else { throw invalid }
            return text
        case .float, .double:
            switch text {
            case "inf": return ".infinity"
            case "-inf": return "-.infinity"
            case "nan": return ".nan"
            default:
                guard Double(text) != nil else { throw invalid }
                return text
            }
        case .enum:
            guard let enumType = context.table[field.typeName ?? ""]?.enumType,
                  let caseName = EnumPlan(enumType).caseName(ofValueNamed: text) else { throw invalid }
            return "." + caseName
        case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .fixed32, .fixed64, .sfixed32, .sfixed64:
            guard Int64(text) != nil || UInt64(text) != nil else { throw invalid }
            return text
        case .group, .message, .unrecognized:
            throw invalid
        }
    }

    /// Reverses protoc's C escaping of a bytes default (`\n`, `\"`, `\\`, octal `\ooo`, `\xHH`).
    static func unescapeBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        let input = Array(text.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard index < input.count else { return nil }
            let escape = input[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "?"): bytes.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < input.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(input[index]) {
                    value = value * 8 + Int(input[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                guard value <= 0xFF else { return nil }
                bytes.append(UInt8(value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while digits < 2, index < input.count, let digit = hexValue(input[index]) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
                bytes.append(UInt8(value))
            default:
                return nil
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

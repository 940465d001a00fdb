#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// proto2's `[default = ...]`: the text `descriptor.proto` stores, as a value.
enum ExplicitDefaults {
    /// The value `text` (a `default_value` of a field of `type`) stands for; nil when there
    /// is none or it does not parse. Enum defaults are names, resolved with `enumType`.
    static func value(_ text: String?, type: FieldType, enumType: EnumDescriptor?) -> DynamicValue? {
        guard let text else { return nil }
        switch type {
        case .int32, .sint32, .sfixed32: return Int32(text).map { .int32($0) }
        case .int64, .sint64, .sfixed64: return Int64(text).map { .int64($0) }
        case .uint32, .fixed32: return UInt32(text).map { .uint32($0) }
        case .uint64, .fixed64: return UInt64(text).map { .uint64($0) }
        case .float: return floatingPoint(text).map { .float(Float($0)) }
        case .double: return floatingPoint(text).map { .double($0) }
        case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .string: return .string(text)
        case .bytes: return cUnescaped(text).map { .bytes(Data($0)) }
        case .enum: return enumType?.number(named: text).map { .int32($0) }
        default: return nil
        }
    }

    static func floatingPoint(_ text: String) -> Double? {
        switch text {
        case "inf": .infinity
        case "-inf": -.infinity
        case "nan": .nan
        default: Double(text)
        }
    }

    /// Undoes protoc's C escaping of a `bytes` default (`\n`, `\"`, `\\`, octal `\ooo`, hex `\xhh`).
    static func cUnescaped(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "\\") else { bytes.append(byte); continue }
            guard let escape = input.popFirst() else { return nil }
            switch escape {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "x"):
                var value = 0, digits = 0
                while digits < 2, let next = input.first, let digit = Int(String(UnicodeScalar(next)), radix: 16) {
                    value = value * 16 + digit
                    digits += 1
                    input.removeFirst()
                }
                guard digits > 0 else { return nil }
                bytes.append(UInt8(value))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0")), digits = 1
                while digits < 3, let next = input.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(next) {
                    value = value * 8 + Int(next - UInt8(ascii: "0"))
                    digits += 1
                    input.removeFirst()
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(escape)
            }
        }
        return bytes
    }
}

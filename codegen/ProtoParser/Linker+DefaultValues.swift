#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
import Foundation
import ProtoDescriptors

/// `[default = ...]` values, checked against the field's type and written as protoc writes them.
extension Linker {
    mutating func defaultValue(_ value: OptionValue, for field: FieldDescriptorProto, at position: SourcePosition) -> String? {
        if file.isProto3 {
            sink.report("Explicit default values are not allowed in proto3.", at: position)
            return nil
        }
        if field.label == .repeated {
            sink.report("Repeated fields can't have default values.", at: position)
            return nil
        }
        guard let type = field.type else { return nil }
        let formatted: String?
        switch type {
        case .int32, .sint32, .sfixed32: formatted = DefaultValueFormat.integer(value, in: Int64(Int32.min)...Int64(Int32.max))
        case .int64, .sint64, .sfixed64: formatted = DefaultValueFormat.integer(value, in: Int64.min...Int64.max)
        case .uint32, .fixed32: formatted = DefaultValueFormat.unsigned(value, limit: UInt64(UInt32.max))
        case .uint64, .fixed64: formatted = DefaultValueFormat.unsigned(value, limit: UInt64.max)
        case .double: formatted = DefaultValueFormat.number(value).map(DefaultValueFormat.double)
        case .float: formatted = DefaultValueFormat.number(value).map { DefaultValueFormat.float(Float($0)) }
        case .bool:
            if case .identifier(let name, negative: false) = value, name == "true" || name == "false" {
                formatted = name
            } else {
                formatted = nil
            }
        case .string:
            if case .string(let bytes) = value { formatted = String(decoding: bytes, as: UTF8.self) } else { formatted = nil }
        case .bytes:
            if case .string(let bytes) = value { formatted = DefaultValueFormat.cEscape(bytes) } else { formatted = nil }
        case .enum:
            if case .identifier(let name, negative: false) = value {
                pendingEnumDefaults.append((String(field.typeName?.dropFirst() ?? ""), name, position))
                formatted = name
            } else {
                formatted = nil
            }
        case .message, .group:
            sink.report("Messages can't have default values.", at: position)
            return nil
        case .unrecognized:
            return nil
        }
        if formatted == nil {
            sink.report("Default value does not fit field \"\(field.name ?? "")\" of type \(DefaultValueFormat.typeName(type)).", at: position)
        }
        return formatted
    }

    /// Enum defaults name a value of the field's enum; checked once every enum is indexed.
    mutating func checkEnumDefaults() {
        for (enumName, valueName, position) in pendingEnumDefaults {
            guard let descriptor = enums[enumName], !descriptor.value.contains(where: { $0.name == valueName }) else { continue }
            sink.report("Enum type \"\(enumName)\" has no value named \"\(valueName)\".", at: position)
        }
        pendingEnumDefaults = []
    }
}

/// How protoc writes default values into `default_value`.
enum DefaultValueFormat {
    static func integer(_ value: OptionValue, in range: ClosedRange<Int64>) -> String? {
        guard case .integer(let magnitude, let negative) = value else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            let signed = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            return range.contains(signed) ? String(signed) : nil
        }
        guard magnitude <= UInt64(range.upperBound) else { return nil }
        return String(magnitude)
    }

    static func unsigned(_ value: OptionValue, limit: UInt64) -> String? {
        guard case .integer(let magnitude, false) = value, magnitude <= limit else { return nil }
        return String(magnitude)
    }

    /// A number for a float or double field: integers, floats, `inf`, `nan`, with sign.
    static func number(_ value: OptionValue) -> Double? {
        switch value {
        case .integer(let magnitude, let negative): return negative ? -Double(magnitude) : Double(magnitude)
        case .float(let number): return number
        case .identifier("inf", let negative): return negative ? -.infinity : .infinity
        case .identifier("nan", _): return .nan
        default: return nil
        }
    }

    /// Protoc's `SimpleDtoa`: 15 significant digits, 17 when 15 do not round-trip.
    static func double(_ value: Double) -> String {
        if let special = special(value) { return special }
        let short = String(format: "%.15g", value)
        return Double(short) == value ? short : String(format: "%.17g", value)
    }

    /// Protoc's `SimpleFtoa`: 6 significant digits, 9 when 6 do not round-trip.
    static func float(_ value: Float) -> String {
        if let special = special(Double(value)) { return special }
        let short = String(format: "%.6g", Double(value))
        return Float(short) == value ? short : String(format: "%.9g", Double(value))
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    /// Protoc's `CEscape`, used for `bytes` defaults.
    static func cEscape(_ bytes: [UInt8]) -> String {
        var result = ""
        for byte in bytes {
            switch byte {
            case 0x0a: result += "\\n"
            case 0x0d: result += "\\r"
            case 0x09: result += "\\t"
            case 0x22: result += "\\\""
            case 0x27: result += "\\'"
            case 0x5c: result += "\\\\"
            case 0x20..<0x7f: result.append(Character(UnicodeScalar(byte)))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result
    }

    static func typeName(_ type: FieldDescriptorProto.TypeEnum) -> String {
        Linker.scalarTypes.first { $0.value == type }?.key ?? "enum"
    }
}

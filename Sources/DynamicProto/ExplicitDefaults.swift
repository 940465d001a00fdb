#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ProtoCodec

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
        case .bytes: return ProtoScalarText.cUnescaped(text.utf8).map { .bytes(Data($0)) }
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
}

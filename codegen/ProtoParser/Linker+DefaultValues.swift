import ProtoCodec
import ProtoDescriptors

/// `[default = ...]` values, checked against the field's type and written as protoc writes them.
extension Linker {
    mutating func defaultValue(_ value: OptionValue, for field: FieldDescriptorProto, at position: SourcePosition)
        -> String?
    {
        if file.isProto3 {
            sink.report("Explicit default values are not allowed in proto3.", at: position)
            return nil
        }
        if field.label == .repeated {
            sink.report("Repeated fields can't have default values.", at: position)
            return nil
        }
        guard let type = field.type else { return nil }
        switch DefaultValueFormat.format(value, as: type) {
        case .success(let formatted):
            if type == .enum {
                pendingEnumDefaults.append((String(field.typeName?.dropFirst() ?? ""), formatted, position))
            }
            return formatted
        case .failure(let problem):
            sink.report(problem.message, at: position)
            return nil
        }
    }

    /// Enum defaults name a value of the field's enum; checked once every enum is indexed.
    mutating func checkEnumDefaults() {
        for (enumName, valueName, position) in pendingEnumDefaults {
            guard let descriptor = enums[enumName], !descriptor.value.contains(where: { $0.name == valueName }) else {
                continue
            }
            sink.report("Enum type \"\(enumName)\" has no value named \"\(valueName)\".", at: position)
        }
        pendingEnumDefaults = []
    }
}

/// Why a default value does not suit its field, in protoc's words.
struct DefaultValueProblem: Error {
    var message: String
}

/// How protoc writes default values into `default_value`.
enum DefaultValueFormat {
    /// `value` written as protoc writes a default of `type`, or protoc's complaint about it.
    static func format(_ value: OptionValue, as type: FieldDescriptorProto.TypeEnum) -> Result<
        String, DefaultValueProblem
    > {
        func failure(_ message: String) -> Result<String, DefaultValueProblem> {
            .failure(DefaultValueProblem(message: message))
        }
        switch (type, value) {
        case (.int32, .integer), (.sint32, .integer), (.sfixed32, .integer):
            return integer(value, in: Int64(Int32.min)...Int64(Int32.max)).map { .success($0) }
                ?? failure("Integer out of range.")
        case (.int64, .integer), (.sint64, .integer), (.sfixed64, .integer):
            return integer(value, in: Int64.min...Int64.max).map { .success($0) } ?? failure("Integer out of range.")
        case (.uint32, .integer(_, negative: true)), (.fixed32, .integer(_, negative: true)),
            (.uint64, .integer(_, negative: true)), (.fixed64, .integer(_, negative: true)):
            return failure("Unsigned field can't have negative default value.")
        case (.uint32, .integer(let magnitude, _)), (.fixed32, .integer(let magnitude, _)):
            return magnitude <= UInt64(UInt32.max) ? .success(String(magnitude)) : failure("Integer out of range.")
        case (.uint64, .integer(let magnitude, _)), (.fixed64, .integer(let magnitude, _)):
            return .success(String(magnitude))
        case (.int32, _), (.sint32, _), (.sfixed32, _), (.int64, _), (.sint64, _), (.sfixed64, _),
            (.uint32, _), (.fixed32, _), (.uint64, _), (.fixed64, _):
            return failure("Expected integer for field default value.")
        case (.double, _), (.float, _):
            guard let number = number(value) else { return failure("Expected number.") }
            return .success(type == .double ? ProtoScalarText.double(number) : ProtoScalarText.float(Float(number)))
        case (.bool, .identifier(let name, negative: false)) where name == "true" || name == "false":
            return .success(name)
        case (.bool, _):
            return failure("Expected \"true\" or \"false\".")
        case (.string, .string(let bytes)):
            return .success(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .string(let bytes)):
            return .success(ProtoScalarText.cEscaped(bytes))
        case (.string, _), (.bytes, _):
            return failure("Expected string for field default value.")
        case (.enum, .identifier(let name, negative: false)):
            return .success(name)
        case (.enum, _):
            return failure("Expected enum identifier for field default value.")
        case (.message, _), (.group, _):
            return failure("Messages can't have default values.")
        case (.unrecognized, _):
            return failure("Unknown field type.")
        }
    }

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

    static func typeName(_ type: FieldDescriptorProto.TypeEnum) -> String {
        Linker.scalarTypes.first { $0.value == type }?.key ?? "enum"
    }
}

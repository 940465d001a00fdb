import ProtoCodec
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
            guard let bytes = ProtoScalarText.cUnescaped(text.utf8) else { throw invalid }
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
                let caseName = EnumPlan(enumType).caseName(ofValueNamed: text)
            else { throw invalid }
            return "." + caseName
        case .int32, .int64, .uint32, .uint64, .sint32, .sint64, .fixed32, .fixed64, .sfixed32, .sfixed64:
            guard Int64(text) != nil || UInt64(text) != nil else { throw invalid }
            return text
        case .group, .message, .unrecognized:
            throw invalid
        }
    }
}

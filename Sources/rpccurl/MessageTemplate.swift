import DynamicProto
import ProtoDescriptors

/// A JSON template of a message for `describe -msg-template`: every field with a sample of
/// its default (one element for lists and maps, nested messages filled in once).
struct MessageTemplate {
    let pool: DescriptorPool
    let protoNames: Bool

    /// The template, pretty-printed.
    func json(for message: MessageDescriptor) -> String {
        object(message, indent: "", visiting: [])
    }

    private func object(_ message: MessageDescriptor, indent: String, visiting: Set<String>) -> String {
        guard !visiting.contains(message.fullName), !message.fields.isEmpty else { return "{}" }
        let inner = indent + "  "
        let members = message.fields.map { field in
            inner + StatusReport.quoted(protoNames ? field.name : field.jsonName) + ": "
                + value(field, indent: inner, visiting: visiting.union([message.fullName]))
        }
        return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
    }

    private func value(_ field: FieldDescriptor, indent: String, visiting: Set<String>) -> String {
        if let entry = field.mapEntry {
            let key = scalar(entry.key, indent: indent, visiting: visiting)
            let keyText = key.hasPrefix("\"") ? key : "\"" + key + "\""
            return
                "{\n\(indent)  \(keyText): \(scalar(entry.value, indent: indent + "  ", visiting: visiting))\n\(indent)}"
        }
        let single = scalar(field, indent: indent + (field.isRepeated ? "  " : ""), visiting: visiting)
        return field.isRepeated ? "[\n\(indent)  \(single)\n\(indent)]" : single
    }

    private func scalar(_ field: FieldDescriptor, indent: String, visiting: Set<String>) -> String {
        switch field.type {
        case .string, .bytes: return "\"\""
        case .bool: return "false"
        case .int64, .uint64, .sint64, .fixed64, .sfixed64: return "\"0\""
        case .float, .double, .int32, .uint32, .sint32, .fixed32, .sfixed32: return "0"
        case .enum:
            let name = field.typeName.flatMap { pool.enumType(named: $0)?.values.first?.name } ?? "0"
            return StatusReport.quoted(name)
        default:
            let typeName = (field.typeName ?? "").drop { $0 == "." }
            switch typeName {
            case "google.protobuf.Timestamp": return "\"1970-01-01T00:00:00Z\""
            case "google.protobuf.Duration": return "\"0s\""
            case "google.protobuf.Any", "google.protobuf.Struct", "google.protobuf.Empty": return "{}"
            case "google.protobuf.Value": return "null"
            case "google.protobuf.ListValue": return "[]"
            case "google.protobuf.FieldMask": return "\"\""
            default: break
            }
            if typeName.hasPrefix("google.protobuf."), typeName.hasSuffix("Value"),
                let wrapped = pool.message(named: String(typeName))?.field(number: 1)
            {
                return scalar(wrapped, indent: indent, visiting: visiting)
            }
            guard let message = pool.message(named: String(typeName)) else { return "{}" }
            return object(message, indent: indent, visiting: visiting)
        }
    }
}

import DynamicProto
import ProtoCodec

/// Turns a dynamic message into JSON by the proto3 JSON mapping.
struct JSONWriter {
    let options: JSONPrintOptions
    /// Resolves enum names and the types inside `Any`.
    let pool: DescriptorPool

    /// The JSON form of `message`, well-known types included; `path` names it in errors.
    func output(for message: DynamicMessage, path: String) throws(JSONCodecError) -> JSONOutput {
        if let special = try wellKnownOutput(for: message, path: path) { return special }
        return .object(try members(of: message, path: path))
    }

    /// The object members of a regular (not well-known) message, in field-number order.
    func members(of message: DynamicMessage, path: String) throws(JSONCodecError) -> [(key: String, value: JSONOutput)]
    {
        var members: [(key: String, value: JSONOutput)] = []
        for field in message.descriptor.fields where field.type != .group {
            let isSet = message.has(field)
            guard isSet || (options.emitDefaults && !field.hasPresence) else { continue }
            let key = options.keepProtoNames ? field.name : field.jsonName
            let fieldPath = path + "." + key
            if let entry = field.mapEntry {
                var entries: [(key: String, value: JSONOutput)] = []
                for (mapKey, value) in message.map(of: field).sorted(by: { $0.key < $1.key }) {
                    let keyText = mapKeyText(mapKey)
                    entries.append(
                        (keyText, try output(for: value, field: entry.value, path: fieldPath + "[\(keyText)]")))
                }
                members.append((key, .object(entries)))
            } else if field.isRepeated {
                var elements: [JSONOutput] = []
                for (index, value) in message.list(of: field).enumerated() {
                    elements.append(try output(for: value, field: field, path: fieldPath + "[\(index)]"))
                }
                members.append((key, .array(elements)))
            } else if let value = message.value(of: field) {
                members.append((key, try output(for: value, field: field, path: fieldPath)))
            }
        }
        return members
    }

    /// The JSON form of one value of `field`.
    func output(for value: DynamicValue, field: FieldDescriptor, path: String) throws(JSONCodecError) -> JSONOutput {
        switch value {
        case let .int32(number):
            guard field.type == .enum else { return .literal(String(number)) }
            return enumOutput(number, typeName: field.typeName ?? "")
        case let .uint32(number): return .literal(String(number))
        case let .int64(number): return .string(String(number))
        case let .uint64(number): return .string(String(number))
        case let .float(number): return floatOutput(Double(number), text: number.description, isFinite: number.isFinite)
        case let .double(number): return floatOutput(number, text: number.description, isFinite: number.isFinite)
        case let .bool(flag): return .literal(flag ? "true" : "false")
        case let .string(text): return .string(text)
        case let .bytes(data): return .string(Base64.encode(data))
        case let .message(message): return try output(for: message, path: path)
        }
    }

    func enumOutput(_ number: Int32, typeName: String) -> JSONOutput {
        if typeName == "google.protobuf.NullValue" { return .literal("null") }
        if let name = pool.enumType(named: typeName)?.name(for: number) { return .string(name) }
        return .literal(String(number))
    }

    func floatOutput(_ value: Double, text: String, isFinite: Bool) -> JSONOutput {
        if value.isNaN { return .string("NaN") }
        if !isFinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .literal(text)
    }

    /// A map key as JSON object keys are: always a string.
    func mapKeyText(_ key: DynamicValue) -> String {
        switch key {
        case let .int32(number): String(number)
        case let .int64(number): String(number)
        case let .uint32(number): String(number)
        case let .uint64(number): String(number)
        case let .bool(flag): flag ? "true" : "false"
        case let .string(text): text
        default: ""
        }
    }
}

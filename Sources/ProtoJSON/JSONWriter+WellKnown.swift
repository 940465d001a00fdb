import DynamicProto
import ProtoCodec
import ProtoDescriptors

/// The special JSON forms of the well-known types.
extension JSONWriter {
    /// The JSON form of `message` when it is a well-known type with a special form.
    func wellKnownOutput(for message: DynamicMessage, path: String) throws(JSONCodecError) -> JSONOutput? {
        guard let kind = WellKnownType(message.descriptor) else { return nil }
        switch kind {
        case .timestamp:
            guard let text = TimeFormats.formatTimestamp(seconds: message.int64Field(1), nanos: message.int32Field(2))
            else {
                throw encodingError(path, "Timestamp is out of range or has invalid nanos")
            }
            return .string(text)
        case .duration:
            guard let text = TimeFormats.formatDuration(seconds: message.int64Field(1), nanos: message.int32Field(2))
            else {
                throw encodingError(path, "Duration is out of range or its seconds and nanos have different signs")
            }
            return .string(text)
        case .wrapper:
            let field = message.wellKnownField(1)
            return try output(for: message.value(of: field)!, field: field, path: path)
        case .fieldMask:
            let paths = message.list(of: message.wellKnownField(1)).map { value -> String in
                if case let .string(path) = value { return FieldDescriptorProto.defaultJSONName(for: path) }
                return ""
            }
            return .string(paths.joined(separator: ","))
        case .structValue:
            var members: [(key: String, value: JSONOutput)] = []
            let entries = message.map(of: message.wellKnownField(1)).sorted { $0.key < $1.key }
            for case let (.string(key), .message(value)) in entries {
                members.append((key, try output(for: value, path: path + "." + key)))
            }
            return .object(members)
        case .listValue:
            var elements: [JSONOutput] = []
            for case let (index, .message(value)) in message.list(of: message.wellKnownField(1)).enumerated() {
                elements.append(try output(for: value, path: path + "[\(index)]"))
            }
            return .array(elements)
        case .value: return try valueOutput(message, path: path)
        case .any: return try anyOutput(message, path: path)
        }
    }

    /// `google.protobuf.Value`: whichever kind is set; null when none is.
    func valueOutput(_ message: DynamicMessage, path: String) throws(JSONCodecError) -> JSONOutput {
        guard let field = message.setOneofField(0), let value = message.value(of: field) else {
            return .literal("null")
        }
        if case let .double(number) = value, !number.isFinite {
            throw encodingError(path, "Value.number_value cannot be NaN or infinite in JSON")
        }
        return try output(for: value, field: field, path: path)
    }

    /// `google.protobuf.Any`: `{"@type": url, ...fields}`, or `"value"` for a special form.
    func anyOutput(_ message: DynamicMessage, path: String) throws(JSONCodecError) -> JSONOutput {
        let typeURL = message.stringField(1)
        var bytes: [UInt8] = []
        if case let .bytes(data) = message.value(of: message.wellKnownField(2)) { bytes = Array(data) }
        if typeURL.isEmpty && bytes.isEmpty { return .object([]) }
        let typeName = String(typeURL.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard let descriptor = pool.message(named: typeName) else {
            throw encodingError(path, "Any has type \"\(typeURL)\", which is not in the descriptor pool")
        }
        let content: DynamicMessage
        do {
            content = try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        } catch {
            throw encodingError(path, "Any's value is not a valid \(typeName): \(error)")
        }
        var members: [(key: String, value: JSONOutput)] = [("@type", .string(typeURL))]
        if let special = try wellKnownOutput(for: content, path: path) {
            members.append(("value", special))
        } else {
            members += try self.members(of: content, path: path)
        }
        return .object(members)
    }

    func encodingError(_ path: String, _ message: String) -> JSONCodecError {
        JSONCodecError(path: path, position: JSONPosition(offset: 0, line: 0, column: 0), message: message)
    }
}

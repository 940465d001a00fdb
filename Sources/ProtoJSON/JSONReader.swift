import DynamicProto

/// Reads JSON into dynamic messages by the proto3 JSON mapping, naming the JSON path and
/// position of anything it rejects.
struct JSONReader {
    let options: JSONParseOptions
    /// Resolves message and enum types, and the types inside `Any`.
    let pool: DescriptorPool

    func error(_ path: String, _ node: JSONNode, _ message: String) -> JSONCodecError {
        JSONCodecError(path: path, position: node.position, message: message)
    }

    /// Reads `node` as a message of `descriptor`'s type, well-known JSON forms included.
    func message(_ node: JSONNode, descriptor: MessageDescriptor, path: String) throws(JSONCodecError) -> DynamicMessage
    {
        var message = DynamicMessage(descriptor: descriptor, pool: pool)
        if let kind = WellKnownType(descriptor) {
            try readWellKnown(kind, node, into: &message, path: path)
            return message
        }
        guard case let .object(members) = node.kind else {
            throw error(path, node, "expected an object for \(descriptor.fullName), found \(node.kindName)")
        }
        try readMembers(members, into: &message, path: path)
        return message
    }

    /// Reads the members of an object as fields of `message`.
    func readMembers(_ members: [JSONNode.Member], into message: inout DynamicMessage, path: String)
        throws(JSONCodecError)
    {
        var seen: Set<Int> = []
        var seenOneofs: [Int: String] = [:]
        for member in members {
            let descriptor = message.descriptor
            guard let field = descriptor.field(jsonName: member.key) ?? descriptor.field(named: member.key),
                field.type != .group
            else {
                if options.ignoreUnknownFields { continue }
                throw JSONCodecError(
                    path: path, position: member.keyPosition,
                    message: "unknown field \"\(member.key)\" in \(descriptor.fullName)")
            }
            let fieldPath = path + "." + member.key
            guard seen.insert(field.number).inserted else {
                throw error(fieldPath, member.value, "field \(field.name) appears more than once")
            }
            if case .null = member.value.kind, !acceptsNull(field) { continue }
            if let oneof = field.oneofIndex {
                if let other = seenOneofs[oneof] {
                    throw error(
                        fieldPath, member.value, "oneof \(descriptor.oneofs[oneof].name) already has field \(other) set"
                    )
                }
                seenOneofs[oneof] = field.name
            }
            try readField(field, member.value, into: &message, path: fieldPath)
        }
    }

    /// True when JSON `null` is a value of the field rather than "unset": a singular
    /// `google.protobuf.Value` or `NullValue` field.
    func acceptsNull(_ field: FieldDescriptor) -> Bool {
        !field.isRepeated
            && (field.typeName == "google.protobuf.Value" || field.typeName == "google.protobuf.NullValue")
    }

    func readField(_ field: FieldDescriptor, _ node: JSONNode, into message: inout DynamicMessage, path: String)
        throws(JSONCodecError)
    {
        if let entry = field.mapEntry {
            guard case let .object(members) = node.kind else {
                throw error(path, node, "expected an object for map field \(field.name), found \(node.kindName)")
            }
            var entries: [DynamicValue: DynamicValue] = [:]
            for member in members {
                let keyNode = JSONNode(kind: .string(member.key), position: member.keyPosition)
                let entryPath = path + "[\(member.key)]"
                let key = try mapKey(keyNode, field: entry.key, path: entryPath)
                if case .null = member.value.kind, !acceptsNull(entry.value) {
                    throw error(entryPath, member.value, "null is not a valid map value")
                }
                guard let value = try value(member.value, field: entry.value, path: entryPath) else { continue }
                entries[key] = value
            }
            message.setMap(field, to: entries)
        } else if field.isRepeated {
            guard case let .array(elements) = node.kind else {
                throw error(path, node, "expected an array for repeated field \(field.name), found \(node.kindName)")
            }
            var values: [DynamicValue] = []
            for (index, element) in elements.enumerated() {
                let elementPath = path + "[\(index)]"
                if case .null = element.kind, field.typeName != "google.protobuf.Value" {
                    throw error(elementPath, element, "null is not a valid element of a repeated field")
                }
                if let value = try value(element, field: field, path: elementPath) { values.append(value) }
            }
            message.setList(field, to: values)
        } else if let value = try value(node, field: field, path: path) {
            message.set(field, to: value)
        }
    }

    /// One value of `field`; nil for an enum name the enum lacks when unknown names are ignored.
    func value(_ node: JSONNode, field: FieldDescriptor, path: String) throws(JSONCodecError) -> DynamicValue? {
        switch field.type {
        case .message, .group:
            let descriptor = pool.message(named: field.typeName ?? "")!
            return .message(try message(node, descriptor: descriptor, path: path))
        case .enum: return try enumValue(node, typeName: field.typeName ?? "", path: path)
        default: return try scalar(node, type: field.type, path: path)
        }
    }

    func enumValue(_ node: JSONNode, typeName: String, path: String) throws(JSONCodecError) -> DynamicValue? {
        switch node.kind {
        case .null where typeName == "google.protobuf.NullValue": return .int32(0)
        case let .string(name):
            if let number = pool.enumType(named: typeName)?.number(named: name) { return .int32(number) }
            if options.ignoreUnknownFields { return nil }
            throw error(path, node, "\"\(name)\" is not a value of enum \(typeName)")
        case .number: return try scalar(node, type: .int32, path: path)
        default: throw error(path, node, "expected an enum name or number for \(typeName), found \(node.kindName)")
        }
    }

    /// A map key: always a JSON string, converted to the key type.
    func mapKey(_ node: JSONNode, field: FieldDescriptor, path: String) throws(JSONCodecError) -> DynamicValue {
        guard case let .string(text) = node.kind else { return .string("") }
        switch field.type {
        case .string: return .string(text)
        case .bool:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw error(path, node, "map key \"\(text)\" is not true or false")
            }
        default: return try integer(text, node: node, type: field.type, path: path)
        }
    }
}

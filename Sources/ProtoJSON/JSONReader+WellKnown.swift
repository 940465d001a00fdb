#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DynamicProto

/// Reading the special JSON forms of the well-known types.
extension JSONReader {
    func readWellKnown(_ kind: WellKnownType, _ node: JSONNode, into message: inout DynamicMessage, path: String)
        throws(JSONCodecError)
    {
        switch kind {
        case .timestamp:
            guard case let .string(text) = node.kind else { throw mismatch(node, "an RFC 3339 timestamp string", path) }
            guard let (seconds, nanos) = TimeFormats.parseTimestamp(text) else {
                throw error(
                    path, node,
                    "invalid timestamp \"\(text)\" (expected RFC 3339 such as 1972-01-01T10:00:20.021Z, years 0001 to 9999)"
                )
            }
            message.set(message.wellKnownField(1), to: .int64(seconds))
            message.set(message.wellKnownField(2), to: .int32(nanos))
        case .duration:
            guard case let .string(text) = node.kind else {
                throw mismatch(node, "a duration string such as \"1.5s\"", path)
            }
            guard let (seconds, nanos) = TimeFormats.parseDuration(text) else {
                throw error(
                    path, node, "invalid duration \"\(text)\" (expected such as \"1.5s\", at most 315576000000s)")
            }
            message.set(message.wellKnownField(1), to: .int64(seconds))
            message.set(message.wellKnownField(2), to: .int32(nanos))
        case .wrapper:
            let field = message.wellKnownField(1)
            if let value = try value(node, field: field, path: path) { message.set(field, to: value) }
        case .fieldMask:
            guard case let .string(text) = node.kind else {
                throw mismatch(node, "a comma-separated FieldMask string", path)
            }
            let paths = try text.split(separator: ",").map { (segment) throws(JSONCodecError) -> DynamicValue in
                guard !segment.contains("_") else {
                    throw error(path, node, "FieldMask path \"\(segment)\" must be lowerCamelCase in JSON")
                }
                return .string(Self.snakeCase(String(segment)))
            }
            message.setList(message.wellKnownField(1), to: paths)
        case .structValue:
            guard case let .object(members) = node.kind else { throw mismatch(node, "an object", path) }
            try readStruct(members, into: &message, path: path)
        case .listValue:
            guard case let .array(elements) = node.kind else { throw mismatch(node, "an array", path) }
            try readList(elements, into: &message, path: path)
        case .value: try readValue(node, into: &message, path: path)
        case .any: try readAny(node, into: &message, path: path)
        }
    }

    func readStruct(_ members: [JSONNode.Member], into message: inout DynamicMessage, path: String)
        throws(JSONCodecError)
    {
        let field = message.wellKnownField(1)
        guard let valueType = field.mapEntry.flatMap({ pool.message(named: $0.value.typeName ?? "") }) else { return }
        var entries: [DynamicValue: DynamicValue] = [:]
        for member in members {
            entries[.string(member.key)] = .message(
                try self.message(member.value, descriptor: valueType, path: path + "." + member.key))
        }
        message.setMap(field, to: entries)
    }

    func readList(_ elements: [JSONNode], into message: inout DynamicMessage, path: String) throws(JSONCodecError) {
        guard let valueType = pool.message(named: message.wellKnownField(1).typeName ?? "") else { return }
        var values: [DynamicValue] = []
        for (index, element) in elements.enumerated() {
            values.append(.message(try self.message(element, descriptor: valueType, path: path + "[\(index)]")))
        }
        message.setList(message.wellKnownField(1), to: values)
    }

    /// `google.protobuf.Value`: any JSON value, null included.
    func readValue(_ node: JSONNode, into message: inout DynamicMessage, path: String) throws(JSONCodecError) {
        switch node.kind {
        case .null: message.set(message.wellKnownField(1), to: .int32(0))
        case .number:
            message.set(message.wellKnownField(2), to: try floatingPoint(node, isFloat: false, path: path))
        case let .string(text): message.set(message.wellKnownField(3), to: .string(text))
        case let .bool(flag): message.set(message.wellKnownField(4), to: .bool(flag))
        case .object, .array:
            let field = message.wellKnownField(node.kindName == "object" ? 5 : 6)
            let descriptor = pool.message(named: field.typeName ?? "")!
            message.set(field, to: .message(try self.message(node, descriptor: descriptor, path: path)))
        }
    }

    /// `google.protobuf.Any`: `@type` names the type, resolved in the pool; the other
    /// members are its fields, or `value` holds its special form.
    func readAny(_ node: JSONNode, into message: inout DynamicMessage, path: String) throws(JSONCodecError) {
        guard case let .object(members) = node.kind else { throw mismatch(node, "an object with \"@type\"", path) }
        if members.isEmpty { return }
        guard let typeMember = members.first(where: { $0.key == "@type" }) else {
            throw error(path, node, "Any is missing \"@type\"")
        }
        guard case let .string(typeURL) = typeMember.value.kind else {
            throw error(path + ".@type", typeMember.value, "\"@type\" must be a string")
        }
        let typeName = String(typeURL.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard let descriptor = pool.message(named: typeName) else {
            throw error(path + ".@type", typeMember.value, "Any type \"\(typeURL)\" is not in the descriptor pool")
        }
        let rest = members.filter { $0.key != "@type" }
        let content: DynamicMessage
        if WellKnownType(descriptor) != nil {
            guard let valueMember = rest.first(where: { $0.key == "value" }), rest.count == 1 else {
                throw error(path, node, "Any holding \(typeName) needs exactly one other member, \"value\"")
            }
            content = try self.message(valueMember.value, descriptor: descriptor, path: path + ".value")
        } else {
            var inner = DynamicMessage(descriptor: descriptor, pool: pool)
            try readMembers(rest, into: &inner, path: path)
            content = inner
        }
        message.set(message.wellKnownField(1), to: .string(typeURL))
        message.set(message.wellKnownField(2), to: .bytes(Data(content.serializedBytes())))
    }

    /// A FieldMask path from JSON: each upper-case letter becomes `_` and its lower case.
    static func snakeCase(_ path: String) -> String {
        var result = ""
        for character in path {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

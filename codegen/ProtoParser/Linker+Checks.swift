import ProtoDescriptors

/// The limits protoc puts on field numbers.
enum FieldNumberRules {
    static let maximum: Int32 = 536_870_911
    static let implementationReserved: ClosedRange<Int64> = 19000...19999

    /// Protoc's complaint about `number`, or nil when it may be used.
    static func problem(with number: Int64) -> String? {
        if number <= 0 { return "Field numbers must be positive integers." }
        if number > Int64(maximum) { return "Field numbers cannot be greater than \(maximum)." }
        if implementationReserved.contains(number) {
            return "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation."
        }
        return nil
    }
}

/// The rules protoc checks on field numbers, names and enum values.
extension Linker {
    mutating func checkFieldNumbers(of node: MessageNode, fullName: String) {
        var used: [Int64: String] = [:]
        let reservedNames = Set(node.reservedNames.map(\.0))
        for field in node.fields {
            if let problem = FieldNumberRules.problem(with: field.number) {
                sink.report(problem, at: field.numberStart)
            } else if let other = used[field.number] {
                sink.report("Field number \(field.number) has already been used in \"\(fullName)\" by field \"\(other)\".", at: field.numberStart)
            } else {
                used[field.number] = field.name
            }
            if reservedNames.contains(field.name) {
                sink.report("Field name \"\(field.name)\" is reserved.", at: field.nameStart)
            }
            if node.reservedRanges.contains(where: { contains($0, field.number) }) {
                sink.report("Field \"\(field.name)\" uses reserved number \(field.number).", at: field.numberStart)
            }
            if let range = node.extensionRanges.flatMap(\.ranges).first(where: { contains($0, field.number) }) {
                sink.report("Extension range \(range.start) to \(range.isMax ? Int64(FieldNumberRules.maximum) : range.end) includes field \"\(field.name)\" (\(field.number)).", at: range.position)
            }
        }
        if file.isProto3, let first = node.extensionRanges.first?.ranges.first {
            sink.report("Extension ranges are not allowed in proto3.", at: first.position)
        }
        for range in node.reservedRanges + node.extensionRanges.flatMap(\.ranges) {
            let end = range.isMax ? Int64(FieldNumberRules.maximum) : range.end
            if range.start <= 0 || end > Int64(FieldNumberRules.maximum) {
                sink.report("Field numbers must be positive integers.", at: range.position)
            } else if end < range.start {
                sink.report("Reserved range end number must be greater than start number.", at: range.position)
            }
        }
    }

    /// Map keys must be integral, bool or string types.
    mutating func checkMapKeys(of node: MessageNode, _ message: DescriptorProto) {
        for field in node.fields where field.mapTypes != nil {
            let entryName = ProtoNaming.mapEntryName(field.name)
            guard let key = message.nestedType.first(where: { $0.name == entryName })?.field.first, let type = key.type else { continue }
            switch type {
            case .float, .double, .bytes, .message, .group:
                sink.report("Key in map fields cannot be float/double, bytes or message types.", at: field.typeStart)
            case .enum:
                sink.report("Key in map fields cannot be enum types.", at: field.typeStart)
            default:
                break
            }
        }
    }

    /// Proto3 field names must stay distinct once lower-cased without underscores.
    mutating func checkJSONNames(of node: MessageNode) {
        var seen: [String: String] = [:]
        for field in node.fields {
            let key = String(field.name.lowercased().filter { $0 != "_" })
            if let other = seen[key], other != field.name {
                sink.report("The JSON camel-case name of field \"\(field.name)\" conflicts with field \"\(other)\". This is not allowed in proto3.", at: field.nameStart)
            } else {
                seen[key] = field.name
            }
        }
    }

    private func contains(_ range: RangeNode, _ number: Int64) -> Bool {
        number >= range.start && (range.isMax || number <= range.end)
    }

    mutating func checkEnum(_ node: EnumNode, scope: String) {
        if file.isProto3, let first = node.values.first, first.number != 0 {
            sink.report("The first enum value must be zero in proto3.", at: first.numberStart)
        }
        let allowAlias = node.options.contains { option in
            guard option.name.count == 1, option.name[0].name == "allow_alias", !option.name[0].isExtension,
                  case .identifier("true", negative: false) = option.value else { return false }
            return true
        }
        if file.isProto3 { checkEnumValueNamesStayDistinct(node) }
        var seen: [Int64: String] = [:]
        for value in node.values {
            if let other = seen[value.number], !allowAlias {
                sink.report("\"\(qualify(value.name, in: scope))\" uses the same enum value as \"\(qualify(other, in: scope))\". If this is intended, set 'option allow_alias = true;' to the enum definition.", at: value.numberStart)
            } else if seen[value.number] == nil {
                seen[value.number] = value.name
            }
            if node.reservedNames.contains(where: { $0.0 == value.name }) {
                sink.report("Enum value \"\(value.name)\" is reserved.", at: value.span.start)
            }
            if node.reservedRanges.contains(where: { value.number >= $0.start && ($0.isMax || value.number <= $0.end) }) {
                sink.report("Enum value \"\(value.name)\" uses reserved number \(value.number).", at: value.numberStart)
            }
        }
    }

    /// Proto3: value names must differ once the enum's name prefix is stripped and case ignored
    /// (`FOO_UNKNOWN` and `UNKNOWN` in `enum Foo` clash), unless they alias the same number.
    private mutating func checkEnumValueNamesStayDistinct(_ node: EnumNode) {
        let prefix = Array(node.name.lowercased().filter { $0 != "_" })
        var seen: [String: EnumValueNode] = [:]
        for value in node.values {
            let key = ProtoNaming.pascalCase(ProtoNaming.removingPrefix(prefix, from: value.name))
            if let other = seen[key] {
                if other.name != value.name && other.number != value.number {
                    sink.report("Enum name \(value.name) has the same name as \(other.name) if you ignore case and strip out the enum name prefix (if any). This is error-prone and can lead to undefined behavior. Please avoid doing this. If you are using allow_alias, please assign the same numeric value to both enums.", at: value.span.start)
                }
            } else {
                seen[key] = value
            }
        }
    }

    /// Extension numbers must be valid, declared by the extendee, and used once per extendee.
    mutating func checkExtension(_ node: FieldNode, _ field: FieldDescriptorProto, fullName: String) {
        guard let extendee = field.extendee?.dropFirst().description, let number = field.number else { return }
        if file.isProto3 && BuiltinOptions.messages[extendee] == nil {
            sink.report("Extensions in proto3 are only allowed for defining options.", at: node.extendeeStart)
            return
        }
        if let problem = FieldNumberRules.problem(with: node.number) {
            sink.report(problem, at: node.numberStart)
            return
        }
        if let target = messages[extendee]?.descriptor,
           !target.extensionRange.contains(where: { number >= ($0.start ?? 0) && number < ($0.end ?? 0) }) {
            sink.report("\"\(extendee)\" does not declare \(number) as an extension number.", at: node.numberStart)
        }
        if let other = extensionNumbers[extendee]?[number] {
            sink.report("Extension number \(number) has already been used in \"\(extendee)\" by extension \"\(other)\".", at: node.numberStart)
        } else {
            extensionNumbers[extendee, default: [:]][number] = fullName
        }
    }
}

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
    /// `extensionMax` is the last number `extensions N to max` reaches (larger for message sets).
    mutating func checkFieldNumbers(of node: MessageNode, fullName: String, extensionMax: Int64) {
        var used: [Int64: String] = [:]
        let reservedNames = Set(node.reservedNames.map(\.0))
        for field in node.fields {
            if let problem = FieldNumberRules.problem(with: field.number) {
                sink.report(problem, at: field.numberStart)
            } else if let other = used[field.number] {
                sink.report(
                    "Field number \(field.number) has already been used in \"\(fullName)\" by field \"\(other)\".",
                    at: field.numberStart)
            } else {
                used[field.number] = field.name
            }
            if reservedNames.contains(field.name) {
                sink.report("Field name \"\(field.name)\" is reserved.", at: field.nameStart)
            }
            if node.reservedRanges.contains(where: { $0.contains(field.number) }) {
                sink.report("Field \"\(field.name)\" uses reserved number \(field.number).", at: field.numberStart)
            }
            if let range = node.extensionRanges.flatMap(\.ranges).first(where: { $0.contains(field.number) }) {
                sink.report(
                    "Extension range \(range.start) to \(range.inclusiveEnd(max: extensionMax)) includes field \"\(field.name)\" (\(field.number)).",
                    at: range.position)
            }
        }
        if file.isProto3, let first = node.extensionRanges.first?.ranges.first {
            sink.report("Extension ranges are not allowed in proto3.", at: first.position)
        }
        checkRanges(of: node, extensionMax: extensionMax)
    }

    /// Reserved and extension ranges: valid bounds, and no overlaps (protoc's order and words).
    private mutating func checkRanges(of node: MessageNode, extensionMax: Int64) {
        let maximum = Int64(FieldNumberRules.maximum)
        for range in node.reservedRanges where range.start <= 0 {
            sink.report("Reserved numbers must be positive integers.", at: range.position)
        }
        for range in node.extensionRanges.flatMap(\.ranges) {
            if range.start <= 0 {
                sink.report("Extension numbers must be positive integers.", at: range.position)
            } else if range.inclusiveEnd(max: extensionMax) < range.start {
                sink.report("Extension range end number must be greater than start number.", at: range.position)
            } else if !range.isMax && range.end > extensionMax {
                sink.report("Extension numbers cannot be greater than \(extensionMax).", at: range.position)
            }
        }
        func overlaps(_ a: RangeNode, _ aMax: Int64, _ b: RangeNode, _ bMax: Int64) -> Bool {
            a.start <= b.inclusiveEnd(max: bMax) && b.start <= a.inclusiveEnd(max: aMax)
        }
        for (index, range) in node.reservedRanges.enumerated() {
            if let earlier = node.reservedRanges[..<index].first(where: { overlaps(range, maximum, $0, maximum) }) {
                sink.report(
                    "Reserved range \(range.start) to \(range.inclusiveEnd(max: maximum)) overlaps with already-defined range \(earlier.start) to \(earlier.inclusiveEnd(max: maximum)).",
                    at: range.position)
            }
        }
        let extensionRanges = node.extensionRanges.flatMap { statement in
            statement.ranges.map { ($0, statement.ranges[0].position) }
        }
        for (index, (range, position)) in extensionRanges.enumerated() {
            if let earlier = extensionRanges[..<index].first(where: {
                overlaps(range, extensionMax, $0.0, extensionMax)
            })?.0 {
                sink.report(
                    "Extension range \(range.start) to \(range.inclusiveEnd(max: extensionMax)) overlaps with already-defined range \(earlier.start) to \(earlier.inclusiveEnd(max: extensionMax)).",
                    at: position)
            }
        }
        for (range, position) in extensionRanges {
            if let reserved = node.reservedRanges.first(where: { overlaps(range, extensionMax, $0, maximum) }) {
                sink.report(
                    "Extension range \(range.start) to \(range.inclusiveEnd(max: extensionMax)) overlaps with reserved range \(reserved.start) to \(reserved.inclusiveEnd(max: maximum)).",
                    at: position)
            }
        }
    }

    /// Map keys must be integral, bool or string types.
    mutating func checkMapKeys(of node: MessageNode, _ message: DescriptorProto) {
        for field in node.fields where field.mapTypes != nil {
            let entryName = FieldDescriptorProto.mapEntryName(for: field.name)
            guard let key = message.nestedType.first(where: { $0.name == entryName })?.field.first, let type = key.type
            else { continue }
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
                sink.report(
                    "The JSON camel-case name of field \"\(field.name)\" conflicts with field \"\(other)\". This is not allowed in proto3.",
                    at: field.nameStart)
            } else {
                seen[key] = field.name
            }
        }
    }

    mutating func checkEnum(_ node: EnumNode, scope: String) {
        if file.isProto3, let first = node.values.first, first.number != 0 {
            sink.report("The first enum value must be zero in proto3.", at: first.numberStart)
        }
        let allowAlias = node.options.isTrue("allow_alias")
        if file.isProto3 { checkEnumValueNamesStayDistinct(node) }
        var seen: [Int64: String] = [:]
        for value in node.values {
            if let other = seen[value.number], !allowAlias {
                sink.report(
                    "\"\(qualify(value.name, in: scope))\" uses the same enum value as \"\(qualify(other, in: scope))\". If this is intended, set 'option allow_alias = true;' to the enum definition.",
                    at: value.numberStart)
            } else if seen[value.number] == nil {
                seen[value.number] = value.name
            }
            if node.reservedNames.contains(where: { $0.0 == value.name }) {
                sink.report("Enum value \"\(value.name)\" is reserved.", at: value.span.start)
            }
            if node.reservedRanges.contains(where: { $0.contains(value.number) }) {
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
                    sink.report(
                        "Enum name \(value.name) has the same name as \(other.name) if you ignore case and strip out the enum name prefix (if any). This is error-prone and can lead to undefined behavior. Please avoid doing this. If you are using allow_alias, please assign the same numeric value to both enums.",
                        at: value.span.start)
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
        let target = messages[extendee]?.descriptor
        let declared = target?.extensionRange.contains { number >= ($0.start ?? 0) && number < ($0.end ?? 0) } ?? false
        // Numbers above the usual limit are fine where a message set declares them.
        if let problem = FieldNumberRules.problem(with: node.number),
            !(declared && node.number > Int64(FieldNumberRules.maximum))
        {
            sink.report(problem, at: node.numberStart)
            return
        }
        if target != nil && !declared {
            sink.report("\"\(extendee)\" does not declare \(number) as an extension number.", at: node.numberStart)
        }
        if let other = extensionNumbers[extendee]?[number] {
            sink.report(
                "Extension number \(number) has already been used in \"\(extendee)\" by extension \"\(other)\".",
                at: node.numberStart)
        } else {
            extensionNumbers[extendee, default: [:]][number] = fullName
        }
    }
}

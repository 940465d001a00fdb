/// Option statements, `[...]` option lists, and option values including text-format aggregates.
extension Parser {
    /// After `option`: `name = value;`.
    mutating func parseOptionStatement() throws(SyntaxError) -> OptionNode {
        let option = try parseOptionAssignment()
        try expect(";")
        return option
    }

    /// `[a = 1, (b).c = "x"]`.
    mutating func parseBracketOptions() throws(SyntaxError) -> [OptionNode] {
        try expect("[")
        var options: [OptionNode] = []
        repeat {
            options.append(try parseOptionAssignment())
        } while consume(",")
        try expect("]")
        return options
    }

    /// A field's `[...]`: `default` and `json_name` become field properties, the rest options.
    mutating func parseFieldOptions(into field: inout FieldNode) throws(SyntaxError) {
        for option in try parseBracketOptions() {
            guard option.name.count == 1, !option.name[0].isExtension else {
                field.options.append(option)
                continue
            }
            switch option.name[0].name {
            case "default":
                guard field.defaultValue == nil else {
                    throw SyntaxError(message: "Already set option \"default\".", position: option.start)
                }
                field.defaultValue = (option.value, option.valueStart)
            case "json_name":
                guard case .string(let bytes) = option.value else {
                    throw SyntaxError(message: "Expected string for JSON name.", position: option.valueStart)
                }
                guard field.jsonName == nil else {
                    throw SyntaxError(message: "Already set option \"json_name\".", position: option.start)
                }
                field.jsonName = String(decoding: bytes, as: UTF8.self)
            default:
                field.options.append(option)
            }
        }
    }

    private mutating func parseOptionAssignment() throws(SyntaxError) -> OptionNode {
        let start = current.start
        var parts: [OptionNamePart] = []
        repeat {
            let partStart = current.start
            if consume("(") {
                let name = try parseTypeName()
                try expect(")")
                parts.append(OptionNamePart(name: name, isExtension: true, start: partStart))
            } else {
                parts.append(OptionNamePart(name: try expectIdentifier(), isExtension: false, start: partStart))
            }
        } while consume(".")
        try expect("=")
        let valueStart = current.start
        let value = try parseOptionValue()
        return OptionNode(name: parts, value: value, start: start, valueStart: valueStart)
    }

    /// A scalar, or `{ ... }` in text format.
    mutating func parseOptionValue(inAggregate: Bool = false) throws(SyntaxError) -> OptionValue {
        if current.isSymbol("{") { return try parseAggregate() }
        let negative = consume("-")
        switch current.kind {
        case .identifier:
            let name = current.text
            let special =
                inAggregate ? ["inf", "infinity", "nan"].contains(name.lowercased()) : name == "inf" || name == "nan"
            if negative && !special {
                throw error("Identifier after '-' symbol must be inf or nan.")
            }
            advance()
            return .identifier(name, negative: negative)
        case .integer:
            guard let value = Parser.integerValue(current.text), !negative || value <= UInt64(Int64.max) + 1 else {
                throw error("Integer out of range.")
            }
            advance()
            return .integer(value, negative: negative)
        case .float:
            let value = Double(current.text.hasPrefix(".") ? "0" + current.text : current.text) ?? .infinity
            advance()
            return .float(negative ? -value : value)
        case .string where !negative:
            return .string(try expectString())
        default:
            throw error("Expected option value.")
        }
    }

    /// `{ name: value  name { ... }  [ext.name]: value  name: [a, b] }`, `<...>` also accepted.
    private mutating func parseAggregate() throws(SyntaxError) -> OptionValue {
        try enterNesting()
        defer { depth -= 1 }
        let close = current.isSymbol("<") ? ">" : "}"
        advance()
        var entries: [AggregateEntry] = []
        while !consume(close) {
            if current.kind == .end { throw error("Unexpected end of stream while parsing aggregate value.") }
            let start = current.start
            var isExtension = false
            var name: String
            if consume("[") {
                isExtension = true
                name = try parseTypeName()
                while consume("/") { name += "/" + (try parseTypeName()) }
                try expect("]")
            } else {
                name = try expectIdentifier("field name")
            }
            let hasColon = consume(":")
            let value: OptionValue
            if current.isSymbol("{") || current.isSymbol("<") {
                value = try parseAggregate()
            } else if !hasColon {
                throw error("Expected \":\".")
            } else if consume("[") {
                var items: [OptionValue] = []
                if !consume("]") {
                    repeat {
                        items.append(
                            current.isSymbol("{") || current.isSymbol("<")
                                ? try parseAggregate() : try parseOptionValue(inAggregate: true))
                    } while consume(",")
                    try expect("]")
                }
                value = .list(items)
            } else {
                value = try parseOptionValue(inAggregate: true)
            }
            entries.append(AggregateEntry(name: name, isExtension: isExtension, value: value, start: start))
            if !consume(",") { _ = consume(";") }
        }
        return .aggregate(entries)
    }
}

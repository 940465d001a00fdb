import ProtoDescriptors

/// Messages and what they contain: fields, maps, groups, oneofs, ranges, nested declarations.
extension Parser {
    mutating func parseMessage(start: Token) throws(SyntaxError) -> MessageNode {
        let nameStart = current.start
        var message = MessageNode(name: try expectIdentifier("message name"), nameStart: nameStart)
        let brace = try parseMessageBody(into: &message)
        message.span = span(from: start, head: brace)
        return message
    }

    /// Reads `{ statements }` and returns the opening brace.
    @discardableResult
    mutating func parseMessageBody(into message: inout MessageNode) throws(SyntaxError) -> Token {
        try enterNesting()
        defer { depth -= 1 }
        let brace = try expectOpenBrace()
        while !consume("}") {
            if current.kind == .end {
                throw error("Reached end of input in message definition (missing '}').")
            }
            recovering { parser throws(SyntaxError) in try parser.parseMessageStatement(into: &message) }
        }
        return brace
    }

    fileprivate mutating func parseMessageStatement(into message: inout MessageNode) throws(SyntaxError) {
        let start = current
        if consume(";") { return }
        if consumeKeyword("message") {
            message.nested.append(try parseMessage(start: start))
        } else if consumeKeyword("enum") {
            message.enums.append(try parseEnum(start: start))
        } else if consumeKeyword("extend") {
            message.extensions += try parseExtend(start: start, into: &message.nested)
        } else if consumeKeyword("option") {
            message.options.append(try parseOptionStatement())
        } else if consumeKeyword("oneof") {
            try parseOneof(start: start, into: &message)
        } else if consumeKeyword("extensions") {
            let ranges = try parseRanges(allowNames: false, into: &message.reservedNames)
            let options = current.isSymbol("[") ? try parseBracketOptions() : []
            try expect(";")
            message.extensionRanges.append(ExtensionRangesNode(ranges: ranges, options: options))
        } else if consumeKeyword("reserved") {
            message.reservedRanges += try parseRanges(allowNames: true, into: &message.reservedNames)
            try expect(";")
        } else {
            message.fields.append(try parseField(start: start, oneofIndex: nil, nested: &message.nested))
        }
    }

    private mutating func parseOneof(start: Token, into message: inout MessageNode) throws(SyntaxError) {
        var oneof = OneofNode(name: try expectIdentifier("oneof name"))
        let oneofIndex = message.oneofs.count
        message.oneofs.append(oneof)
        let brace = try expectOpenBrace()
        // Like protoc, a oneof holds at least one statement: `oneof o {}` is "Expected type name."
        repeat {
            if current.kind == .end { throw error("Reached end of input in oneof definition (missing '}').") }
            recovering { parser throws(SyntaxError) in
                let fieldStart = parser.current
                if parser.consume(";") { return }
                if parser.consumeKeyword("option") {
                    oneof.options.append(try parser.parseOptionStatement())
                    return
                }
                if parser.current.isKeyword("required") || parser.current.isKeyword("optional")
                    || parser.current.isKeyword("repeated")
                {
                    throw parser.error("Fields in oneofs must not have labels (required / optional / repeated).")
                }
                message.fields.append(
                    try parser.parseField(start: fieldStart, oneofIndex: oneofIndex, nested: &message.nested))
            }
        } while !consume("}")
        oneof.span = span(from: start, head: brace)
        message.oneofs[oneofIndex] = oneof
    }

    /// `extend Name { fields }`: the fields become extensions; groups add their types to `nested`.
    mutating func parseExtend(start: Token, into nested: inout [MessageNode]) throws(SyntaxError) -> [FieldNode] {
        let extendeeStart = current.start
        let extendee = try parseTypeName()
        try expect("{")
        var fields: [FieldNode] = []
        while !consume("}") {
            if current.kind == .end { throw error("Reached end of input in extend definition (missing '}').") }
            recovering { parser throws(SyntaxError) in
                if parser.consume(";") { return }
                var field = try parser.parseField(start: parser.current, oneofIndex: nil, nested: &nested)
                field.extendee = extendee
                field.extendeeStart = extendeeStart
                if field.mapTypes != nil {
                    throw SyntaxError(
                        message: "Map fields are not allowed to be extensions.", position: field.typeStart)
                }
                fields.append(field)
            }
        }
        return fields
    }

    /// A field, a map field or a group. Groups and map entries add a nested type to `nested`.
    mutating func parseField(start: Token, oneofIndex: Int?, nested: inout [MessageNode]) throws(SyntaxError)
        -> FieldNode
    {
        var field = FieldNode()
        field.oneofIndex = oneofIndex
        if consumeKeyword("optional") {
            field.label = .optional
        } else if consumeKeyword("required") {
            if file.isProto3 { throw error("Required fields are not allowed in proto3.") }
            field.label = .required
        } else if consumeKeyword("repeated") {
            field.label = .repeated
        }
        field.typeStart = current.start
        if current.isKeyword("map") && tokens[index + 1].isSymbol("<") {
            advance()
            advance()
            let key = try parseTypeName()
            try expect(",")
            let value = try parseTypeName()
            try expect(">")
            field.mapTypes = (key, value)
            if field.label != .none {
                throw SyntaxError(
                    message: "Field labels (required/optional/repeated) are not allowed on map fields.",
                    position: start.start)
            }
        } else if current.isKeyword("group") && tokens[index + 1].kind == .identifier {
            advance()
            return try parseGroup(field: field, start: start, nested: &nested)
        } else {
            field.typeName = try parseTypeName()
        }
        if field.label == .none && field.mapTypes == nil && oneofIndex == nil && !file.isProto3 {
            throw SyntaxError(message: "Expected \"required\", \"optional\", or \"repeated\".", position: start.start)
        }
        field.nameStart = current.start
        field.name = try expectIdentifier("field name")
        try expect("=")
        field.numberStart = current.start
        field.number = Int64(try expectInteger("field number", limit: UInt64(Int32.max)))
        if current.isSymbol("[") { try parseFieldOptions(into: &field) }
        try expect(";")
        field.span = span(from: start)
        if let (key, value) = field.mapTypes {
            nested.append(mapEntry(for: field, key: key, value: value))
        }
        return field
    }

    private mutating func parseGroup(field: FieldNode, start: Token, nested: inout [MessageNode]) throws(SyntaxError)
        -> FieldNode
    {
        var field = field
        if file.isProto3 {
            throw SyntaxError(message: "Groups are not supported in proto3 syntax.", position: previous.start)
        }
        let nameStart = current.start
        let name = try expectIdentifier("group name")
        guard let first = name.first, first.isUppercase else {
            throw SyntaxError(message: "Group names must start with a capital letter.", position: nameStart)
        }
        if field.label == .none && field.oneofIndex == nil {
            throw SyntaxError(message: "Expected \"required\", \"optional\", or \"repeated\".", position: start.start)
        }
        field.name = name.lowercased()
        field.typeName = name
        field.nameStart = nameStart
        try expect("=")
        field.numberStart = current.start
        field.number = Int64(try expectInteger("field number", limit: UInt64(Int32.max)))
        if current.isSymbol("[") { try parseFieldOptions(into: &field) }
        var group = MessageNode(name: name, nameStart: nameStart)
        let brace = try parseMessageBody(into: &group)
        group.span = span(from: start, head: brace)
        // Protoc attaches a group's comments to its message, not to its field.
        field.span = Span(start: group.span.start, end: group.span.end)
        field.group = group
        nested.append(group)
        return field
    }

    private func mapEntry(for field: FieldNode, key: String, value: String) -> MessageNode {
        var entry = MessageNode(name: FieldDescriptorProto.mapEntryName(for: field.name), nameStart: field.nameStart)
        entry.isMapEntry = true
        entry.span = field.span
        entry.fields = [
            FieldNode(
                typeName: key, typeStart: field.typeStart, name: "key", nameStart: field.typeStart, number: 1,
                numberStart: field.typeStart, span: field.span),
            FieldNode(
                typeName: value, typeStart: field.typeStart, name: "value", nameStart: field.typeStart, number: 2,
                numberStart: field.typeStart, span: field.span),
        ]
        return entry
    }

    /// `a, b to c, d to max` (and quoted names when `allowNames`).
    mutating func parseRanges(allowNames: Bool, into names: inout [(String, SourcePosition)]) throws(SyntaxError)
        -> [RangeNode]
    {
        var ranges: [RangeNode] = []
        if allowNames && current.kind == .string {
            repeat {
                let position = current.start
                names.append((String(decoding: try expectString(), as: UTF8.self), position))
            } while consume(",")
            return ranges
        }
        repeat {
            let position = current.start
            let low = try expectSignedRangeBound()
            var range = RangeNode(start: low, end: low, isMax: false, position: position)
            if consumeKeyword("to") {
                if consumeKeyword("max") {
                    range.isMax = true
                } else {
                    range.end = try expectSignedRangeBound()
                }
            }
            ranges.append(range)
        } while consume(",")
        return ranges
    }

    private mutating func expectSignedRangeBound() throws(SyntaxError) -> Int64 {
        let negative = consume("-")
        let magnitude = try expectInteger("field number range", limit: UInt64(Int32.max) + 1)
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }
}

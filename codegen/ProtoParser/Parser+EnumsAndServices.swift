/// Enums and services.
extension Parser {
    mutating func parseEnum(start: Token) throws(SyntaxError) -> EnumNode {
        let nameStart = current.start
        var node = EnumNode(name: try expectIdentifier("enum name"), nameStart: nameStart)
        let brace = try expectOpenBrace()
        while !consume("}") {
            if current.kind == .end { throw error("Reached end of input in enum definition (missing '}').") }
            recovering { parser throws(SyntaxError) in try parser.parseEnumStatement(into: &node) }
        }
        node.span = span(from: start, head: brace)
        return node
    }

    fileprivate mutating func parseEnumStatement(into node: inout EnumNode) throws(SyntaxError) {
        let valueStart = current
        if consume(";") { return }
        if consumeKeyword("option") {
            node.options.append(try parseOptionStatement())
        } else if consumeKeyword("reserved") {
            node.reservedRanges += try parseRanges(allowNames: true, into: &node.reservedNames)
            try expect(";")
        } else {
            let name = try expectIdentifier("enum constant name")
            try expect("=")
            let numberStart = current.start
            var value = EnumValueNode(name: name, number: try expectSignedInt32(), numberStart: numberStart)
            if current.isSymbol("[") { value.options = try parseBracketOptions() }
            try expect(";")
            value.span = span(from: valueStart)
            node.values.append(value)
        }
    }

    mutating func parseService(start: Token) throws(SyntaxError) -> ServiceNode {
        var service = ServiceNode(name: try expectIdentifier("service name"))
        let brace = try expectOpenBrace()
        while !consume("}") {
            if current.kind == .end { throw error("Reached end of input in service definition (missing '}').") }
            recovering { parser throws(SyntaxError) in
                let methodStart = parser.current
                if parser.consume(";") { return }
                if parser.consumeKeyword("option") {
                    service.options.append(try parser.parseOptionStatement())
                } else if parser.consumeKeyword("rpc") {
                    service.methods.append(try parser.parseMethod(start: methodStart))
                } else {
                    throw parser.error("Expected \"rpc\".")
                }
            }
        }
        service.span = span(from: start, head: brace)
        return service
    }

    fileprivate mutating func parseMethod(start: Token) throws(SyntaxError) -> MethodNode {
        let name = try expectIdentifier("method name")
        try expect("(")
        let clientStreaming =
            current.isKeyword("stream") && tokens[index + 1].kind != .symbol ? consumeKeyword("stream") : false
        let inputStart = current.start
        let input = try parseTypeName()
        try expect(")")
        guard consumeKeyword("returns") else { throw error("Expected \"returns\".") }
        try expect("(")
        let serverStreaming =
            current.isKeyword("stream") && tokens[index + 1].kind != .symbol ? consumeKeyword("stream") : false
        let outputStart = current.start
        let output = try parseTypeName()
        try expect(")")
        var method = MethodNode(
            name: name, inputType: input, inputStart: inputStart, outputType: output, outputStart: outputStart,
            clientStreaming: clientStreaming, serverStreaming: serverStreaming)
        var brace: Token?
        if current.isSymbol("{") {
            brace = current
            advance()
            method.hasBody = true
            while !consume("}") {
                if current.kind == .end { throw error("Reached end of input in method options (missing '}').") }
                if consume(";") { continue }
                guard consumeKeyword("option") else { throw error("Expected \"option\".") }
                method.options.append(try parseOptionStatement())
            }
        } else {
            try expect(";")
        }
        method.span = span(from: start, head: brace)
        return method
    }
}

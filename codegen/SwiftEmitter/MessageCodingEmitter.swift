/// Writes a message's `encodedSize()`, `encode(to:)` and `decode(from:)`: fields in number
/// order (a oneof at its lowest number), unknown fields last.
enum MessageCodingEmitter {
    /// What is coded at one position: a field, or a whole oneof.
    private enum Item {
        case field(FieldPlan)
        case oneof(OneofPlan)

        var order: Int {
            switch self {
            case .field(let field): field.number
            case .oneof(let oneof): oneof.members.map(\.number).min() ?? 0
            }
        }
    }

    /// Writes the three coding methods of `plan`.
    static func emit(_ plan: MessagePlan, into source: inout SwiftSource) {
        let items = (plan.fields.map(Item.field) + plan.oneofs.map(Item.oneof)).sorted { $0.order < $1.order }
        source.line("/// The exact number of bytes `encode(to:)` writes.")
        source.block("public func encodedSize() -> Int") { body in
            if items.isEmpty {
                body.line("unknownFields.encodedSize")
                return
            }
            body.line("var size = 0")
            for item in items { emitItem(item, into: &body, size: true) }
            body.line("return size + unknownFields.encodedSize")
        }
        source.line()
        source.line("/// Writes the fields in field-number order, then the unknown fields.")
        source.block("public func encode(to writer: inout WireWriter)") { body in
            for item in items { emitItem(item, into: &body, size: false) }
            body.line("unknownFields.encode(to: &writer)")
        }
        source.line()
        source.line("/// Merges the fields read from `reader` into this message.")
        source.block("public mutating func decode(from reader: inout WireReader) throws(ProtoDecodingError)") { body in
            body.block("while let tag = try reader.nextTag()") { loop in
                loop.switchBlock("tag.fieldNumber") { cases in
                    for field in plan.fields { emitDecode(field, into: &cases) }
                    for oneof in plan.oneofs {
                        for member in oneof.members { emitDecode(member, oneof: oneof, into: &cases) }
                    }
                    cases.line("default: try reader.skipUnknown(tag, into: &unknownFields)")
                }
            }
        }
    }

    /// `size += WireSize.x(...)` or `writer.writeX(...)` for one item.
    private static func emitItem(_ item: Item, into source: inout SwiftSource, size: Bool) {
        switch item {
        case .field(let field):
            source.line(statement(for: field, size: size))
        case .oneof(let oneof):
            source.switchBlock(oneof.reference) { cases in
                for member in oneof.members {
                    guard case .oneofMember(let codec) = member.storage else { continue }
                    let call =
                        size
                        ? "size += " + sizeCall(codec, value: "value", number: member.number)
                        : writeCall(codec, value: "value", number: member.number)
                    cases.line("case .\(member.name)(let value)?: \(call)")
                }
                cases.line("case nil: break")
            }
        }
    }

    private static func statement(for field: FieldPlan, size: Bool) -> String {
        let prefix = size ? "size += WireSize." : "writer.write"
        let name = field.reference
        let number = field.number
        switch field.storage {
        case .implicit(let codec):
            return prefix + (size ? "nonDefault" : "NonDefault") + "(\(codec.codec).self, \(name), field: \(number))"
        case .optional(let codec), .message(let codec, _):
            let isPlain = name == field.name && !name.hasPrefix("`")
            let binding = isPlain ? name : "value = \(name)"
            let value = isPlain ? name : "value"
            let call =
                size
                ? "size += " + sizeCall(codec, value: value, number: number)
                : writeCall(codec, value: value, number: number)
            return "if let \(binding) { \(call) }"
        case .repeated(let codec, let packed):
            let method = packed ? (size ? "packed" : "Packed") : (size ? "repeated" : "Repeated")
            return prefix + method + "(\(codec.codec).self, \(name), field: \(number))"
        case .map(let key, let value):
            return prefix + (size ? "map" : "Map")
                + "(\(key.codec).self, \(value.codec).self, \(name), field: \(number))"
        case .oneofMember:
            return ""
        }
    }

    private static func sizeCall(_ codec: FieldCodecChoice, value: String, number: Int) -> String {
        codec.isMessage
            ? "WireSize.message(\(value), field: \(number))"
            : "WireSize.field(\(codec.codec).self, \(value), field: \(number))"
    }

    private static func writeCall(_ codec: FieldCodecChoice, value: String, number: Int) -> String {
        codec.isMessage
            ? "writer.writeMessage(\(value), field: \(number))"
            : "writer.writeField(\(codec.codec).self, \(value), field: \(number))"
    }

    private static func emitDecode(_ field: FieldPlan, into source: inout SwiftSource) {
        let number = field.number
        switch field.storage {
        case .implicit(let codec), .optional(let codec):
            source.line(
                "case \(number) where tag.wireType == .\(codec.wireType): \(field.reference) = try reader.read(\(codec.codec).self)"
            )
        case .message:
            source.line(
                "case \(number) where tag.wireType == .lengthDelimited: try reader.readMessage(into: &\(field.reference))"
            )
        case .repeated(let codec, _):
            source.line(
                "case \(number): try reader.readRepeated(\(codec.codec).self, tag, into: &\(field.reference), orKeepIn: &unknownFields)"
            )
        case .map(let key, let value):
            source.line("case \(number) where tag.wireType == .lengthDelimited:")
            source.line(
                "    try reader.readMapEntry(\(key.codec).self, \(value.codec).self, into: &\(field.reference))")
        case .oneofMember:
            break
        }
    }

    private static func emitDecode(_ member: FieldPlan, oneof: OneofPlan, into source: inout SwiftSource) {
        guard case .oneofMember(let codec) = member.storage else { return }
        let label = "case \(member.number) where tag.wireType == .\(codec.wireType):"
        guard codec.isMessage else {
            source.line("\(label) \(oneof.reference) = .\(member.name)(try reader.read(\(codec.codec).self))")
            return
        }
        source.line(label)
        source.line("    var value = \(codec.zeroValue)")
        source.line("    if case .\(member.name)(let existing)? = \(oneof.reference) { value = existing }")
        source.line("    try reader.readMessage(into: &value)")
        source.line("    \(oneof.reference) = .\(member.name)(value)")
    }
}

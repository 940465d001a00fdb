/// Writes a message struct: its oneof enums, stored properties, accessors and coding methods.
enum MessageEmitter {
    /// Writes the struct for `plan`.
    static func emit(_ plan: MessagePlan, into source: inout SwiftSource) {
        let declared = TypeTable.declaredName(of: plan.swiftName)
        source.docComment(plan.comment ?? "The protobuf message `\(plan.protoName)`.")
        source.block("public struct \(declared): Message") { body in
            body.line("/// The fully qualified protobuf name of this message.")
            body.line("public static let protoMessageName = \(SwiftNaming.stringLiteral(plan.protoName))")
            if !plan.skippedGroups.isEmpty {
                body.line("// Group fields, kept in `unknownFields`: \(plan.skippedGroups.joined(separator: ", ")).")
            }
            for oneof in plan.oneofs {
                body.line()
                emitOneofEnum(oneof, into: &body)
            }
            body.line()
            let taken = Set(plan.fields.map(\.name) + plan.oneofs.flatMap { [$0.name] + $0.members.map(\.name) })
            for field in plan.fields { emitProperty(field, taken: taken, into: &body) }
            for oneof in plan.oneofs { emitOneofProperties(oneof, into: &body) }
            body.line("/// Fields this schema does not know, kept for re-encoding.")
            body.line("public var unknownFields = UnknownFields()")
            body.line()
            body.line("/// Creates a message with every field at its default.")
            body.line("public init() {}")
            body.line()
            emitMemberwiseInit(plan, into: &body)
            MessageCodingEmitter.emit(plan, into: &body)
        }
    }

    /// `init(a: Int32 = 0, b: String = "", ...)`: any fields by name, the rest at their defaults.
    private static func emitMemberwiseInit(_ plan: MessagePlan, into source: inout SwiftSource) {
        var parameters: [(name: String, declaration: String)] = plan.fields.compactMap { field in
            let type: String
            let fallback: String
            switch field.storage {
            case .implicit(let codec): (type, fallback) = (codec.valueType, codec.zeroValue)
            case .optional(let codec), .message(let codec, _): (type, fallback) = (codec.valueType + "?", "nil")
            case .repeated(let codec, _): (type, fallback) = ("[\(codec.valueType)]", "[]")
            case .map(let key, let value): (type, fallback) = ("[\(key.valueType): \(value.valueType)]", "[:]")
            case .oneofMember: return nil
            }
            return (field.name, "\(field.name): \(type) = \(fallback)")
        }
        parameters += plan.oneofs.map { ($0.name, "\($0.name): \($0.enumName)? = nil") }
        guard !parameters.isEmpty else { return }
        source.line("/// Creates a message with the given field values; the others keep their defaults.")
        source.line("public init(")
        for (index, parameter) in parameters.enumerated() {
            source.line("    " + parameter.declaration + (index == parameters.count - 1 ? "" : ","))
        }
        source.block(")") { body in
            for parameter in parameters { body.line("self.\(parameter.name) = \(parameter.name)") }
        }
        source.line()
    }

    /// Writes a field's stored property (and its `OrDefault` accessor unless `taken` has that name).
    private static func emitProperty(_ field: FieldPlan, taken: Set<String>, into source: inout SwiftSource) {
        source.docComment(field.comment ?? "`\(field.protoName)` (field \(field.number)).")
        switch field.storage {
        case .implicit(let codec):
            source.line("public var \(field.name): \(codec.valueType) = \(codec.zeroValue)")
        case .optional(let codec):
            source.line("public var \(field.name): \(codec.valueType)?")
            let bare = field.name.filter { $0 != "`" }
            if let literal = field.defaultLiteral, !taken.contains(bare + "OrDefault") {
                source.line("/// `\(field.protoName)`, or its declared default `\(literal)` when unset.")
                source.line("public var \(bare)OrDefault: \(codec.valueType) { \(field.name) ?? \(literal) }")
            }
        case .message(let codec, boxed: false):
            source.line("public var \(field.name): \(codec.valueType)?")
        case .message(let codec, boxed: true):
            let storage = "_" + field.name.filter { $0 != "`" }
            source.block("public var \(field.name): \(codec.valueType)?") { accessors in
                accessors.line("get { \(storage)?.value }")
                accessors.line("set { \(storage) = newValue.map(IndirectMessage.init) }")
            }
            source.line("private var \(storage): IndirectMessage<\(codec.valueType)>?")
        case .repeated(let codec, _):
            source.line("public var \(field.name): [\(codec.valueType)] = []")
        case .map(let key, let value):
            source.line("public var \(field.name): [\(key.valueType): \(value.valueType)] = [:]")
        case .oneofMember:
            break
        }
    }

    private static func emitOneofEnum(_ oneof: OneofPlan, into source: inout SwiftSource) {
        source.docComment(oneof.comment ?? "The fields of oneof `\(oneof.name)`, at most one of which is set.")
        let indirect = oneof.isIndirect ? "indirect " : ""
        source.block("public \(indirect)enum \(oneof.enumName): Sendable, Hashable") { cases in
            for member in oneof.members {
                guard case .oneofMember(let codec) = member.storage else { continue }
                cases.docComment(member.comment ?? "`\(member.protoName)` (field \(member.number)).")
                cases.line("case \(member.name)(\(codec.valueType))")
            }
        }
    }

    private static func emitOneofProperties(_ oneof: OneofPlan, into source: inout SwiftSource) {
        source.docComment(oneof.comment ?? "Which field of oneof `\(oneof.name)` is set, if any.")
        source.line("public var \(oneof.name): \(oneof.enumName)?")
        for member in oneof.members {
            guard case .oneofMember(let codec) = member.storage else { continue }
            let fallback = member.defaultLiteral ?? codec.zeroValue
            source.docComment(
                "`\(member.protoName)` if it is the set field of `\(oneof.name)`, else its default; setting it selects it."
            )
            source.block("public var \(member.name): \(codec.valueType)") { accessors in
                accessors.line(
                    "get { if case .\(member.name)(let value)? = \(oneof.reference) { return value } else { return \(fallback) } }"
                )
                accessors.line("set { \(oneof.reference) = .\(member.name)(newValue) }")
            }
        }
    }
}

import ProtoDescriptors

/// Writes a protobuf enum as a Swift enum with a case per number plus `unrecognized(Int32)`.
enum EnumEmitter {
    /// Writes the enum `swiftName` (qualified) for `descriptor`, declared at `path`.
    static func emit(
        _ descriptor: EnumDescriptorProto, swiftName: String, path: [Int32],
        context: FileContext, into source: inout SwiftSource
    ) throws(SwiftEmitterError) {
        let plan = EnumPlan(descriptor, comments: context.comments, path: path)
        guard let first = plan.cases.first else {
            throw SwiftEmitterError(file: context.fileName, message: "enum \(swiftName) has no values")
        }
        let declared = TypeTable.declaredName(of: swiftName)
        source.docComment(context.comments[path] ?? "The protobuf enum `\(descriptor.name ?? declared)`.")
        source.block("public enum \(declared): ProtoEnum") { body in
            for value in plan.cases {
                body.docComment(value.comment ?? "`\(value.protoName)` = \(value.number).")
                body.line("case \(value.name)")
            }
            body.line("/// A number this schema does not name, kept as read.")
            body.line("case unrecognized(Int32)")
            for (value, target) in plan.aliases {
                body.docComment(value.comment ?? "`\(value.protoName)`, an alias of `.\(target)`.")
                body.line("public static let \(value.name): \(declared) = .\(target)")
            }
            body.line()
            body.line("/// The default: the first declared value.")
            body.line("public init() { self = .\(first.name) }")
            body.line()
            body.line("/// Maps a number to its case, `unrecognized` when the schema does not name it.")
            body.block("public init(rawValue: Int32)") { initBody in
                initBody.switchBlock("rawValue") { cases in
                    for value in plan.cases { cases.line("case \(value.number): self = .\(value.name)") }
                    cases.line("default: self = .unrecognized(rawValue)")
                }
            }
            body.line()
            body.line("/// The number written on the wire.")
            body.block("public var rawValue: Int32") { getter in
                getter.switchBlock("self") { cases in
                    for value in plan.cases { cases.line("case .\(value.name): \(value.number)") }
                    cases.line("case .unrecognized(let number): number")
                }
            }
        }
    }
}

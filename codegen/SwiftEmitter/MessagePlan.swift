import ProtoDescriptors

/// One generated field: its property, how it is stored, and how it is coded.
struct FieldPlan {
    /// How the field is held in the struct.
    enum Storage {
        /// proto3 singular scalar or enum: a plain value, not written when it is the default.
        case implicit(FieldCodecChoice)
        /// Explicit presence (proto2, proto3 `optional`): an Optional, written when set.
        case optional(FieldCodecChoice)
        /// A singular message: an Optional, boxed when the message can contain itself.
        case message(FieldCodecChoice, boxed: Bool)
        /// A repeated field, packed or not.
        case repeated(FieldCodecChoice, packed: Bool)
        /// A map field.
        case map(key: FieldCodecChoice, value: FieldCodecChoice)
        /// A member of a real oneof (one case of the oneof's enum).
        case oneofMember(FieldCodecChoice)
    }

    /// The field number.
    let number: Int
    /// The name in the .proto file.
    let protoName: String
    /// The Swift property (or oneof case) name, escaped when needed.
    let name: String
    /// How the field is stored.
    let storage: Storage
    /// The leading comment from the source, if any.
    let comment: String?
    /// The Swift literal of a proto2 `[default = ...]`, if any.
    let defaultLiteral: String?

    /// How generated methods refer to the property: through `self.` when the name is also a
    /// local or parameter of those methods (a field called `size` or `tag`).
    var reference: String { SwiftNaming.memberReference(name) }
}

/// One generated oneof: an Optional enum property with a case per member.
struct OneofPlan {
    /// The Swift property name.
    let name: String
    /// The nested enum's name (`OneOf_Kind`).
    let enumName: String
    /// The members in declaration order.
    let members: [FieldPlan]
    /// Whether the enum must be `indirect` (a member can contain the message).
    let isIndirect: Bool
    /// The leading comment from the source, if any.
    let comment: String?

    /// How generated methods refer to the property (see `FieldPlan.reference`).
    var reference: String { SwiftNaming.memberReference(name) }
}

/// Everything needed to generate one message struct.
struct MessagePlan {
    /// The fully qualified protobuf name, without the leading dot.
    let protoName: String
    /// The qualified Swift name.
    let swiftName: String
    /// The message's descriptor.
    let descriptor: DescriptorProto
    /// The leading comment from the source, if any.
    let comment: String?
    /// Fields outside real oneofs, in declaration order.
    let fields: [FieldPlan]
    /// Real oneofs (proto3 `optional` synthetic oneofs are plain optional fields).
    let oneofs: [OneofPlan]
    /// Group fields, which are not generated and stay in the unknown fields.
    let skippedGroups: [String]

    /// Plans `descriptor`, declared at `path` in its file.
    init(
        _ descriptor: DescriptorProto, protoName: String, path: [Int32], in context: FileContext
    ) throws(SwiftEmitterError) {
        self.descriptor = descriptor
        self.protoName = String(protoName.dropFirst())
        guard let entry = context.table[protoName] else {
            throw SwiftEmitterError(file: context.fileName, message: "message \(protoName) is not indexed")
        }
        swiftName = entry.swiftName
        comment = context.comments[path]
        var fields: [FieldPlan] = []
        var members: [Int: [FieldPlan]] = [:]
        var groups: [String] = []
        for (index, field) in descriptor.field.enumerated() {
            if field.type == .group {
                groups.append("\(field.name ?? "?") = \(field.number ?? 0)")
                continue
            }
            let fieldPath = path + [2, Int32(index)]
            let plan = try Self.plan(field, path: fieldPath, owner: protoName, in: context)
            if case .oneofMember = plan.storage, let oneof = field.oneofIndex {
                members[Int(oneof), default: []].append(plan)
            } else {
                fields.append(plan)
            }
        }
        self.fields = fields
        skippedGroups = groups
        oneofs = descriptor.oneofDecl.enumerated().compactMap { index, oneof in
            guard let oneofMembers = members[index], !oneofMembers.isEmpty else { return nil }
            let name = oneof.name ?? "oneof\(index)"
            let indirect = descriptor.field.contains { field in
                field.oneofIndex == Int32(index) && field.type == .message
                    && context.table.reaches(protoName, from: field.typeName ?? "")
            }
            return OneofPlan(
                name: SwiftNaming.propertyName(name), enumName: "OneOf_" + SwiftNaming.upperCamel(name),
                members: oneofMembers, isIndirect: indirect, comment: context.comments[path + [8, Int32(index)]])
        }
    }

    private static func plan(
        _ field: FieldDescriptorProto, path: [Int32], owner: String, in context: FileContext
    ) throws(SwiftEmitterError) -> FieldPlan {
        let codec = try context.codec(for: field, in: owner)
        let storage: FieldPlan.Storage
        if field.label == .repeated {
            if let entry = try context.mapEntry(for: field, in: owner) {
                storage = .map(key: entry.key, value: entry.value)
            } else {
                let packed = codec.isPackable && (field.options?.packed ?? context.isProto3)
                storage = .repeated(codec, packed: packed)
            }
        } else if field.oneofIndex != nil && field.proto3Optional != true {
            storage = .oneofMember(codec)
        } else if codec.isMessage {
            storage = .message(codec, boxed: context.table.reaches(owner, from: field.typeName ?? ""))
        } else if context.isProto3 && field.proto3Optional != true && field.label != .required {
            storage = .implicit(codec)
        } else {
            storage = .optional(codec)
        }
        let name = field.name ?? "field\(field.number ?? 0)"
        return FieldPlan(
            number: Int(field.number ?? 0), protoName: name, name: SwiftNaming.propertyName(name),
            storage: storage, comment: context.comments[path],
            defaultLiteral: try DefaultLiteral.make(for: field, codec: codec, in: context))
    }
}

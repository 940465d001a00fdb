import ProtoDescriptors

/// Every message and enum of a set of files, by fully qualified protobuf name
/// (`.pinit.v1.Schedule`), with the Swift name generated code uses for it.
struct TypeTable: Sendable {
    /// What the table knows of one type.
    struct Entry: Sendable {
        /// The Swift name, qualified from the top level (`Pinit_V1_Outer.Inner`).
        let swiftName: String
        /// The file that declares the type.
        let fileName: String
        /// The message's descriptor, or nil for an enum.
        let message: DescriptorProto?
        /// The enum's descriptor, or nil for a message.
        let enumType: EnumDescriptorProto?
    }

    private var entries: [String: Entry] = [:]
    /// Top-level Swift type names: a nested type must not take one, or it would shadow the
    /// top-level type for code inside its parent.
    private var topLevelNames: Set<String> = []

    /// Indexes every type of `files`.
    init(files: [FileDescriptorProto]) {
        for file in files {
            let prefix = SwiftNaming.typePrefix(of: file)
            for message in file.messageType {
                topLevelNames.insert(Self.topLevelName(message.name ?? "", prefix: prefix, suffix: "Message"))
            }
            for enumType in file.enumType {
                topLevelNames.insert(Self.topLevelName(enumType.name ?? "", prefix: prefix, suffix: "Enum"))
            }
        }
        for file in files {
            let fileName = file.name ?? ""
            let scope = file.package.map { $0.isEmpty ? "" : "." + $0 } ?? ""
            let prefix = SwiftNaming.typePrefix(of: file)
            for message in file.messageType {
                add(message, scope: scope, swiftParent: nil, prefix: prefix, fileName: fileName)
            }
            for enumType in file.enumType {
                let swiftName = Self.topLevelName(enumType.name ?? "", prefix: prefix, suffix: "Enum")
                entries[scope + "." + (enumType.name ?? "")] = Entry(
                    swiftName: swiftName, fileName: fileName, message: nil, enumType: enumType)
            }
        }
    }

    private mutating func add(
        _ message: DescriptorProto, scope: String, swiftParent: String?, prefix: String, fileName: String
    ) {
        let protoName = scope + "." + (message.name ?? "")
        let swiftName = nestedName(message.name ?? "", parent: swiftParent, prefix: prefix, suffix: "Message")
        entries[protoName] = Entry(swiftName: swiftName, fileName: fileName, message: message, enumType: nil)
        for nested in message.nestedType {
            add(nested, scope: protoName, swiftParent: swiftName, prefix: prefix, fileName: fileName)
        }
        for enumType in message.enumType {
            let enumName = nestedName(enumType.name ?? "", parent: swiftName, prefix: prefix, suffix: "Enum")
            entries[protoName + "." + (enumType.name ?? "")] = Entry(
                swiftName: enumName, fileName: fileName, message: nil, enumType: enumType)
        }
    }

    /// The Swift name of a type declared in `parent` (nil: at the top level).
    private func nestedName(_ name: String, parent: String?, prefix: String, suffix: String) -> String {
        guard let parent else { return Self.topLevelName(name, prefix: prefix, suffix: suffix) }
        var declared = SwiftNaming.typeName(name, suffix: suffix)
        while topLevelNames.contains(declared) { declared += suffix }
        return parent + "." + declared
    }

    /// The Swift name of a top-level type: prefixed, or moved off reserved names without a prefix.
    private static func topLevelName(_ name: String, prefix: String, suffix: String) -> String {
        prefix.isEmpty ? SwiftNaming.typeName(name, suffix: suffix) : prefix + name
    }

    /// The type named `protoName` (fully qualified, leading dot), or nil.
    subscript(protoName: String) -> Entry? { entries[protoName] }

    /// The type a field refers to, or an error naming the field when it is unknown.
    func resolve(_ field: FieldDescriptorProto, in messageName: String, file: String) throws(SwiftEmitterError) -> Entry
    {
        guard let typeName = field.typeName, let entry = entries[typeName] else {
            throw SwiftEmitterError(
                file: file,
                message:
                    "field \(messageName.drop { $0 == "." }).\(field.name ?? "?") refers to unknown type \(field.typeName ?? "(none)")"
            )
        }
        return entry
    }

    /// The last component of a Swift name (`Pinit_V1_Outer.Inner` → `Inner`).
    static func declaredName(of swiftName: String) -> String {
        String(swiftName.split(separator: ".").last ?? Substring(swiftName))
    }

    /// Whether a struct for `from` can reach a value of `target` through singular message
    /// fields (oneofs included): such a field needs a box, since a struct cannot hold itself.
    func reaches(_ target: String, from start: String) -> Bool {
        var seen: Set<String> = []
        var stack = [start]
        while let current = stack.popLast() {
            if current == target { return true }
            guard seen.insert(current).inserted, let message = entries[current]?.message else { continue }
            for field in message.field where field.label != .repeated && field.type == .message {
                if let typeName = field.typeName { stack.append(typeName) }
            }
        }
        return false
    }
}

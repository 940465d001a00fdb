import ProtoDescriptors

/// The Swift cases of one protobuf enum: one per number, later names for a number as aliases.
struct EnumPlan {
    /// One named value.
    struct Value {
        /// The Swift case (or alias) name, escaped when needed.
        let name: String
        /// The name in the .proto file.
        let protoName: String
        /// The number.
        let number: Int32
        /// The leading comment from the source, if any.
        let comment: String?
    }

    /// The first value of each number, in declaration order: these become cases.
    let cases: [Value]
    /// Later values that repeat a number (`allow_alias`), with the case they alias.
    let aliases: [(value: Value, target: String)]

    /// Plans the cases of `descriptor`; `comments` and `path` give the values' comments.
    init(_ descriptor: EnumDescriptorProto, comments: [[Int32]: String] = [:], path: [Int32] = []) {
        let names = Self.caseNames(enumName: descriptor.name ?? "", values: descriptor.value.map { $0.name ?? "" })
        var cases: [Value] = []
        var aliases: [(value: Value, target: String)] = []
        var caseByNumber: [Int32: String] = [:]
        for (index, value) in descriptor.value.enumerated() {
            let number = value.number ?? 0
            let planned = Value(
                name: names[index], protoName: value.name ?? "", number: number,
                comment: comments[path + [2, Int32(index)]])
            if let target = caseByNumber[number] {
                aliases.append((planned, target))
            } else {
                caseByNumber[number] = planned.name
                cases.append(planned)
            }
        }
        self.cases = cases
        self.aliases = aliases
    }

    /// The Swift name of the value called `protoName`, or nil when there is none.
    func caseName(ofValueNamed protoName: String) -> String? {
        (cases.first { $0.protoName == protoName } ?? aliases.first { $0.value.protoName == protoName }?.value)?.name
    }

    /// Case names for `values`: the enum's name as an UPPER_SNAKE prefix dropped when every
    /// value has it (`Status.STATUS_ACTIVE` → `active`), then lowerCamelCase, unique.
    static func caseNames(enumName: String, values: [String]) -> [String] {
        let prefix = upperSnake(enumName) + "_"
        let stripped = values.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        let canStrip = stripped.allSatisfy { !$0.isEmpty && $0.first?.isNumber == false }
        var names = (canStrip ? stripped : values).map(identifier)
        if Set(names).count != names.count { names = values.map(identifier) }
        var seen: Set<String> = []
        for index in names.indices where !seen.insert(names[index]).inserted {
            names[index] += "_\(index)"
        }
        return names.map(SwiftNaming.escaped)
    }

    private static func identifier(_ valueName: String) -> String {
        let isAllCaps = !valueName.contains { $0.isLowercase }
        var name = SwiftNaming.lowerCamel(isAllCaps ? valueName.lowercased() : valueName)
        if name.first?.isNumber == true { name = "_" + name }
        return SwiftNaming.reservedCaseNames.contains(name) ? name + "_" : name
    }

    /// `NestedEnum` → `NESTED_ENUM`.
    static func upperSnake(_ name: String) -> String {
        var result = ""
        var previousIsLowerOrDigit = false
        for character in name {
            if character.isUppercase && previousIsLowerOrDigit { result += "_" }
            result += character.uppercased()
            previousIsLowerOrDigit = character.isLowercase || character.isNumber
        }
        return result
    }
}

/// Names protoc derives from enum value names (field-derived names are on `FieldDescriptorProto`).
enum ProtoNaming {
    /// `name` without a leading `prefix` (lower-case, no underscores), compared ignoring case
    /// and underscores; unchanged when the prefix does not match or nothing would remain.
    static func removingPrefix(_ prefix: [Character], from name: String) -> String {
        let characters = Array(name)
        var index = 0
        var matched = 0
        while index < characters.count && matched < prefix.count {
            if characters[index] != "_" {
                guard characters[index].lowercased() == String(prefix[matched]) else { return name }
                matched += 1
            }
            index += 1
        }
        guard matched == prefix.count else { return name }
        while index < characters.count && characters[index] == "_" { index += 1 }
        return index == characters.count ? name : String(characters[index...])
    }

    /// `FOO_BAR` → `FooBar`: underscores dropped, each word capitalised, the rest lower-cased.
    static func pascalCase(_ name: String) -> String {
        var result = ""
        var upperNext = true
        for character in name {
            if character == "_" {
                upperNext = true
            } else {
                result += upperNext ? character.uppercased() : character.lowercased()
                upperNext = false
            }
        }
        return result
    }
}

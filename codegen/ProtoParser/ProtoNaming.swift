/// Names protoc derives from field names.
enum ProtoNaming {
    /// The JSON name: underscores dropped, the letter after each one upper-cased.
    static func jsonName(of name: String) -> String {
        camelCase(name, capitalizeFirst: false)
    }

    /// The nested type holding a map field's entries: `my_map` → `MyMapEntry`.
    static func mapEntryName(_ fieldName: String) -> String {
        camelCase(fieldName, capitalizeFirst: true) + "Entry"
    }

    private static func camelCase(_ name: String, capitalizeFirst: Bool) -> String {
        var result = ""
        var capitalizeNext = capitalizeFirst
        for character in name {
            if character == "_" {
                capitalizeNext = true
            } else if capitalizeNext {
                result += character.isASCII ? character.uppercased() : String(character)
                capitalizeNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

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

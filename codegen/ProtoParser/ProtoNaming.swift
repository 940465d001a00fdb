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
}

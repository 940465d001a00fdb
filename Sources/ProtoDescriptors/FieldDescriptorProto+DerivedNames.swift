/// The names protoc derives from a field's name, in one place for the parser (which writes
/// them into descriptors) and for the code that reads descriptors lacking them.
extension FieldDescriptorProto {
    /// protoc's default `json_name` for a field called `fieldName` (also the JSON form of a
    /// FieldMask path segment): underscores dropped, an ASCII letter after one upper-cased.
    public static func defaultJSONName(for fieldName: String) -> String {
        camelCase(fieldName, capitalizingFirst: false)
    }

    /// The nested message protoc declares for a map field's entries: `my_map` → `MyMapEntry`.
    public static func mapEntryName(for fieldName: String) -> String {
        camelCase(fieldName, capitalizingFirst: true) + "Entry"
    }

    /// protoc's `ToJsonName` and `MapEntryName` loop: only ASCII letters change case, as
    /// protoc upper-cases bytes without a locale.
    private static func camelCase(_ name: String, capitalizingFirst: Bool) -> String {
        var result = ""
        var capitalizeNext = capitalizingFirst
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

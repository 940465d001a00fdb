import ProtoDescriptors

/// The rules that turn protobuf names into Swift names.
enum SwiftNaming {
    /// Words Swift reserves (or treats specially) that a generated name must escape.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "package", "some", "any", "consume", "borrowing", "consuming", "copy", "discard", "each",
    ]

    /// Member names of `Message` (and of Swift values) that a field must not take.
    static let reservedMemberNames: Set<String> = [
        "unknownFields", "encodedSize", "encode", "decode", "serializedBytes", "serializedData",
        "merge", "protoMessageName", "hashValue", "hash", "init", "self", "Type", "Protocol",
        "description", "debugDescription",
    ]

    /// Names a generated type must not take: they would shadow what generated code refers to.
    static let reservedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "String", "Data", "Int", "Int32", "Int64", "UInt32",
        "UInt64", "Float", "Double", "Bool", "Optional", "Array", "Dictionary", "Sendable",
        "Hashable", "Equatable", "Swift", "Foundation", "FoundationEssentials", "ProtoCodec",
        "Message", "ProtoEnum", "UnknownFields", "WireWriter", "WireReader", "WireSize", "FieldTag",
        "ProtoDecodingError", "IndirectMessage", "ProtoEnumCodec", "ProtoMessageCodec", "ProtoInt32",
        "ProtoInt64", "ProtoUInt32", "ProtoUInt64", "ProtoSInt32", "ProtoSInt64", "ProtoFixed32",
        "ProtoFixed64", "ProtoSFixed32", "ProtoSFixed64", "ProtoFloat", "ProtoDouble", "ProtoBool",
        "ProtoString", "ProtoBytes",
    ]

    /// Enum members a case must not take.
    static let reservedCaseNames: Set<String> = [
        "unrecognized", "rawValue", "init", "self", "Type", "Protocol", "hashValue", "hash",
    ]

    /// `foo_bar` → `fooBar`, `FooBar` → `fooBar`, `field_1` → `field1`.
    static func lowerCamel(_ name: String) -> String {
        let camel = upperCamel(name)
        guard let first = camel.first else { return camel }
        return first.lowercased() + camel.dropFirst()
    }

    /// `foo_bar` → `FooBar`: each character after an underscore is uppercased.
    static func upperCamel(_ name: String) -> String {
        var result = ""
        var upperNext = true
        for character in name {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Names generated coding methods use for their own locals and parameters.
    static let codingLocals: Set<String> = ["size", "writer", "reader", "tag", "value", "existing", "newValue"]

    /// `name` as generated methods must write it: `self.name` when a local would shadow it.
    static func memberReference(_ name: String) -> String {
        codingLocals.contains(name) ? "self." + name : name
    }

    /// Backticks a keyword; leaves other names alone.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The Swift property name of a field (also used for oneofs): lowerCamelCase, moved off
    /// `Message`'s own member names, keywords escaped.
    static func propertyName(_ protoName: String) -> String {
        let name = lowerCamel(protoName)
        return escaped(reservedMemberNames.contains(name) ? name + "_p" : name)
    }

    /// A type name that shadows nothing generated code uses.
    static func typeName(_ protoName: String, suffix: String) -> String {
        reservedTypeNames.contains(protoName) ? protoName + suffix : protoName
    }

    /// The type prefix of a file: `option swift_prefix` if set, else from the package
    /// (`pinit.v1` → `Pinit_V1_`, `foo_bar.baz` → `FooBar_Baz_`), else nothing.
    static func typePrefix(of file: FileDescriptorProto) -> String {
        if let prefix = file.options?.swiftPrefix { return prefix }
        guard let package = file.package, !package.isEmpty else { return "" }
        return package.split(separator: ".").map { upperCamel(String($0)) }.joined(separator: "_") + "_"
    }

    /// The enum that embeds a file's descriptor: `pinit/v1/task.proto` → `Pinit_V1_Task_FileDescriptor`.
    static func fileDescriptorTypeName(of path: String) -> String {
        let stem = path.hasSuffix(".proto") ? String(path.dropLast(6)) : path
        let parts = stem.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        let name = parts.map { upperCamel(String($0)) }.joined(separator: "_")
        let safe = name.first?.isNumber == true ? "_" + name : name
        return safe + "_FileDescriptor"
    }

    /// A Swift string literal holding `text` exactly.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}

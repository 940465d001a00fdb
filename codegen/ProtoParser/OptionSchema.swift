import ProtoDescriptors

/// What the option interpreter needs to know about a field of an options message (or of a
/// message used as an option value) to encode a value for it.
struct OptionField {
    var name: String
    var number: Int32
    var type: FieldDescriptorProto.TypeEnum
    /// Full name (no leading dot) of the message or enum type.
    var typeName: String?
    var isRepeated = false
    var isPacked = false
    /// A proto3 singular scalar without presence: its default value is not written.
    var hasImplicitPresence = false

    init(name: String, number: Int32, type: FieldDescriptorProto.TypeEnum, typeName: String? = nil) {
        self.name = name
        self.number = number
        self.type = type
        self.typeName = typeName
    }

    /// Reads a linked field; `isProto3` is the syntax of the file declaring it.
    init(_ field: FieldDescriptorProto, isProto3: Bool) {
        name = field.name ?? ""
        number = field.number ?? 0
        type = field.type ?? .int32
        typeName = field.typeName.map { String($0.dropFirst()) }
        isRepeated = field.label == .repeated
        let isScalar = type != .string && type != .bytes && type != .message && type != .group
        isPacked = isRepeated && isScalar && (field.options?.packed ?? isProto3)
        hasImplicitPresence =
            isProto3 && !isRepeated && type != .message && field.proto3Optional != true
            && field.oneofIndex == nil && field.extendee == nil
    }
}

/// The options messages of descriptor.proto (protobuf 3.21), as far as options can set them:
/// used when no descriptor.proto is linked.
enum BuiltinOptions {
    static let messages: [String: [OptionField]] = [
        "google.protobuf.FileOptions": [
            OptionField(name: "java_package", number: 1, type: .string),
            OptionField(name: "java_outer_classname", number: 8, type: .string),
            OptionField(name: "java_multiple_files", number: 10, type: .bool),
            OptionField(name: "java_generate_equals_and_hash", number: 20, type: .bool),
            OptionField(name: "java_string_check_utf8", number: 27, type: .bool),
            OptionField(
                name: "optimize_for", number: 9, type: .enum, typeName: "google.protobuf.FileOptions.OptimizeMode"),
            OptionField(name: "go_package", number: 11, type: .string),
            OptionField(name: "cc_generic_services", number: 16, type: .bool),
            OptionField(name: "java_generic_services", number: 17, type: .bool),
            OptionField(name: "py_generic_services", number: 18, type: .bool),
            OptionField(name: "php_generic_services", number: 42, type: .bool),
            OptionField(name: "deprecated", number: 23, type: .bool),
            OptionField(name: "cc_enable_arenas", number: 31, type: .bool),
            OptionField(name: "objc_class_prefix", number: 36, type: .string),
            OptionField(name: "csharp_namespace", number: 37, type: .string),
            OptionField(name: "swift_prefix", number: 39, type: .string),
            OptionField(name: "php_class_prefix", number: 40, type: .string),
            OptionField(name: "php_namespace", number: 41, type: .string),
            OptionField(name: "php_metadata_namespace", number: 44, type: .string),
            OptionField(name: "ruby_package", number: 45, type: .string),
        ],
        "google.protobuf.MessageOptions": [
            OptionField(name: "message_set_wire_format", number: 1, type: .bool),
            OptionField(name: "no_standard_descriptor_accessor", number: 2, type: .bool),
            OptionField(name: "deprecated", number: 3, type: .bool),
            OptionField(name: "map_entry", number: 7, type: .bool),
        ],
        "google.protobuf.FieldOptions": [
            OptionField(name: "ctype", number: 1, type: .enum, typeName: "google.protobuf.FieldOptions.CType"),
            OptionField(name: "packed", number: 2, type: .bool),
            OptionField(name: "jstype", number: 6, type: .enum, typeName: "google.protobuf.FieldOptions.JSType"),
            OptionField(name: "lazy", number: 5, type: .bool),
            OptionField(name: "unverified_lazy", number: 15, type: .bool),
            OptionField(name: "deprecated", number: 3, type: .bool),
            OptionField(name: "weak", number: 10, type: .bool),
        ],
        "google.protobuf.OneofOptions": [],
        "google.protobuf.EnumOptions": [
            OptionField(name: "allow_alias", number: 2, type: .bool),
            OptionField(name: "deprecated", number: 3, type: .bool),
        ],
        "google.protobuf.EnumValueOptions": [OptionField(name: "deprecated", number: 1, type: .bool)],
        "google.protobuf.ServiceOptions": [OptionField(name: "deprecated", number: 33, type: .bool)],
        "google.protobuf.MethodOptions": [
            OptionField(name: "deprecated", number: 33, type: .bool),
            OptionField(
                name: "idempotency_level", number: 34, type: .enum,
                typeName: "google.protobuf.MethodOptions.IdempotencyLevel"),
        ],
        "google.protobuf.ExtensionRangeOptions": [],
    ]

    static let enums: [String: [(String, Int32)]] = [
        "google.protobuf.FileOptions.OptimizeMode": [("SPEED", 1), ("CODE_SIZE", 2), ("LITE_RUNTIME", 3)],
        "google.protobuf.FieldOptions.CType": [("STRING", 0), ("CORD", 1), ("STRING_PIECE", 2)],
        "google.protobuf.FieldOptions.JSType": [("JS_NORMAL", 0), ("JS_STRING", 1), ("JS_NUMBER", 2)],
        "google.protobuf.MethodOptions.IdempotencyLevel": [
            ("IDEMPOTENCY_UNKNOWN", 0), ("NO_SIDE_EFFECTS", 1), ("IDEMPOTENT", 2),
        ],
    ]
}

extension Linker {
    /// The fields of message `fullName`. Like protoc, a linked descriptor.proto (imported, or
    /// being compiled) defines the options messages; the built-in table stands in otherwise.
    func optionFields(of fullName: String) -> [OptionField]? {
        if let (descriptor, isProto3) = messages[fullName] {
            return descriptor.field.map { OptionField($0, isProto3: isProto3) }
        }
        return BuiltinOptions.messages[fullName]
    }

    /// The values of enum `fullName`, by name.
    func enumValues(of fullName: String) -> [(String, Int32)]? {
        if let linked = enums[fullName] { return linked.value.map { ($0.name ?? "", $0.number ?? 0) } }
        return BuiltinOptions.enums[fullName]
    }

    /// The extension `name` (as written in `(...)`) seen from `scope`, with the message it extends.
    func optionExtension(_ name: String, in scope: String) -> (field: OptionField, extendee: String, fullName: String)?
    {
        guard
            case .found(let fullName, let entry) = symbols.lookup(
                name, in: scope, from: file.name, visibleFiles: visibleFiles, typesOnly: false),
            entry.kind == .extension, let (descriptor, isProto3) = extensions[fullName]
        else { return nil }
        return (OptionField(descriptor, isProto3: isProto3), String(descriptor.extendee?.dropFirst() ?? ""), fullName)
    }
}

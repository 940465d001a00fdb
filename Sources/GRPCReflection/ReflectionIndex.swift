import ProtoCodec
import ProtoDescriptors

/// The files a reflection service answers about, indexed by file name, by every symbol they
/// declare, and by extension (extended message and field number).
struct ReflectionIndex: Sendable {
    /// A file as served: its name, its direct imports and its serialized descriptor.
    struct File: Sendable {
        let name: String
        let dependencies: [String]
        let serialized: [UInt8]
    }

    private(set) var files: [String: File] = [:]
    private(set) var fileBySymbol: [String: String] = [:]
    /// Extended message name → extension field number → declaring file.
    private(set) var extensions: [String: [Int32: String]] = [:]
    /// The services declared by the files.
    private(set) var declaredServices: Set<String> = []

    /// An empty index.
    init() {}

    /// Indexes serialized `FileDescriptorProto`s; a file given twice is indexed once (the
    /// first of a name wins).
    ///
    /// - Throws: `ReflectionError` naming the position of bytes that do not decode in
    ///   `serializedFiles` and `origin` (who gave them).
    mutating func add(_ serializedFiles: [[UInt8]], from origin: String) throws(ReflectionError) {
        for (position, bytes) in serializedFiles.enumerated() {
            let file: FileDescriptorProto
            do {
                file = try FileDescriptorProto(serializedBytes: bytes)
            } catch {
                throw ReflectionError(message: "file descriptor #\(position) \(origin) does not decode: \(error)")
            }
            let name = file.name ?? ""
            guard files[name] == nil else { continue }
            files[name] = File(name: name, dependencies: file.dependency, serialized: bytes)
            let scope = file.package.flatMap { $0.isEmpty ? nil : $0 + "." } ?? ""
            for message in file.messageType { indexMessage(message, scope: scope, file: name) }
            for enumType in file.enumType { indexEnum(enumType, scope: scope, file: name) }
            for field in file.extension { indexExtension(field, scope: scope, file: name) }
            for service in file.service {
                let serviceName = scope + (service.name ?? "")
                declaredServices.insert(serviceName)
                fileBySymbol[serviceName] = name
                for method in service.method { fileBySymbol[serviceName + "." + (method.name ?? "")] = name }
            }
        }
    }

    /// `name` and every file it imports, directly or not, `name` first (the order reflection
    /// clients expect); nil when `name` is not indexed.
    func fileWithDependencies(_ name: String) -> [File]? {
        guard let root = files[name] else { return nil }
        var seen: Set<String> = [name]
        var ordered = [root]
        var index = 0
        while index < ordered.count {
            for dependency in ordered[index].dependencies where seen.insert(dependency).inserted {
                if let file = files[dependency] { ordered.append(file) }
            }
            index += 1
        }
        return ordered
    }

    /// The name of the file declaring `symbol` (fully qualified, a leading dot allowed).
    func file(containingSymbol symbol: String) -> String? {
        fileBySymbol[symbol.hasPrefix(".") ? String(symbol.dropFirst()) : symbol]
    }

    /// The name of the file declaring extension `number` of `extendee`.
    func file(extending extendee: String, number: Int32) -> String? {
        extensions[Self.trimmed(extendee)]?[number]
    }

    /// The extension numbers of `extendee`, sorted; nil when the type is not declared.
    func extensionNumbers(of extendee: String) -> [Int32]? {
        let name = Self.trimmed(extendee)
        guard fileBySymbol[name] != nil || extensions[name] != nil else { return nil }
        return (extensions[name] ?? [:]).keys.sorted()
    }

    private mutating func indexMessage(_ message: DescriptorProto, scope: String, file: String) {
        let name = scope + (message.name ?? "")
        fileBySymbol[name] = file
        for field in message.field { fileBySymbol[name + "." + (field.name ?? "")] = file }
        for oneof in message.oneofDecl { fileBySymbol[name + "." + (oneof.name ?? "")] = file }
        for nested in message.nestedType { indexMessage(nested, scope: name + ".", file: file) }
        for enumType in message.enumType { indexEnum(enumType, scope: name + ".", file: file) }
        for field in message.extension { indexExtension(field, scope: name + ".", file: file) }
    }

    private mutating func indexEnum(_ enumType: EnumDescriptorProto, scope: String, file: String) {
        let name = scope + (enumType.name ?? "")
        fileBySymbol[name] = file
        // Enum values are scoped like their enum, as siblings of it.
        for value in enumType.value { fileBySymbol[scope + (value.name ?? "")] = file }
    }

    private mutating func indexExtension(_ field: FieldDescriptorProto, scope: String, file: String) {
        fileBySymbol[scope + (field.name ?? "")] = file
        guard let extendee = field.extendee, let number = field.number else { return }
        extensions[Self.trimmed(extendee), default: [:]][number] = file
    }

    private static func trimmed(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }
}

/// Descriptors given to a reflection service that it cannot serve.
public struct ReflectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the file descriptor's position.
    public let message: String

    /// The message.
    public var description: String { message }
}

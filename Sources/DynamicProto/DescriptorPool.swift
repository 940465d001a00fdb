import ProtoDescriptors

/// Every message, enum and service of a set of `.proto` files, looked up by fully
/// qualified name: what dynamic messages, JSON and rpccurl's `list`/`describe` work from.
public final class DescriptorPool: Sendable {
    /// The files, in the order given.
    public let files: [FileDescriptorProto]

    let messages: [String: MessageDescriptor]
    let enums: [String: EnumDescriptor]
    let services: [String: ServiceDescriptor]
    /// The file that declares each symbol (messages, enums, enum values, services, methods,
    /// fields, extensions), by fully qualified name.
    let fileBySymbol: [String: String]
    let fileByName: [String: FileDescriptorProto]

    /// Builds a pool from linked descriptors (type names fully qualified with a leading
    /// dot, as protoc, ProtoCompiler and server reflection produce them).
    ///
    /// - Throws: `DescriptorPoolError` for a symbol declared twice, a field whose type is
    ///   not in the files, or a field type number `descriptor.proto` does not define.
    public init(files: [FileDescriptorProto]) throws(DescriptorPoolError) {
        var builder = DescriptorPoolBuilder()
        for file in files { try builder.collect(file) }
        self.files = files
        self.messages = try builder.buildMessages()
        self.enums = builder.enums
        self.services = builder.services
        self.fileBySymbol = builder.fileBySymbol
        var byName: [String: FileDescriptorProto] = [:]
        for file in files { byName[file.name ?? ""] = file }
        self.fileByName = byName
    }

    /// Builds a pool from a serialized `FileDescriptorSet` (protoc's `--descriptor_set_out`
    /// with `--include_imports`, or a `-protoset` file).
    ///
    /// - Throws: `ProtoDecodingError` for bytes that are not a FileDescriptorSet, else
    ///   `DescriptorPoolError` as `init(files:)` does.
    public convenience init(fileDescriptorSet bytes: [UInt8]) throws {
        try self.init(files: FileDescriptorSet(serializedBytes: bytes).file)
    }

    /// The message called `name` (fully qualified; a leading dot is allowed).
    public func message(named name: String) -> MessageDescriptor? {
        messages[Self.trimmed(name)]
    }

    /// The enum called `name` (fully qualified; a leading dot is allowed).
    public func enumType(named name: String) -> EnumDescriptor? {
        enums[Self.trimmed(name)]
    }

    /// The service called `name`, such as `grpc.health.v1.Health`.
    public func service(named name: String) -> ServiceDescriptor? {
        services[Self.trimmed(name)]
    }

    /// The method named `pkg.Service.Method`, `pkg.Service/Method` or `/pkg.Service/Method`.
    public func method(named name: String) -> ServiceMethod? {
        var name = Self.trimmed(name)
        if name.hasPrefix("/") { name.removeFirst() }
        let separator = name.lastIndex(of: "/") ?? name.lastIndex(of: ".")
        guard let separator else { return nil }
        let serviceName = String(name[..<separator])
        let methodName = String(name[name.index(after: separator)...])
        return services[serviceName]?.method(named: methodName)
    }

    /// The fully qualified names of every service, sorted.
    public var serviceNames: [String] { services.keys.sorted() }

    /// The fully qualified names of every message type (map entries included), sorted.
    public var messageNames: [String] { messages.keys.sorted() }

    /// The file called `name`, such as `google/protobuf/timestamp.proto`.
    public func file(named name: String) -> FileDescriptorProto? {
        fileByName[name]
    }

    /// The file that declares `symbol`: a message, enum, enum value, service, method,
    /// field or extension, fully qualified.
    public func file(containingSymbol symbol: String) -> FileDescriptorProto? {
        fileBySymbol[Self.trimmed(symbol)].flatMap { fileByName[$0] }
    }

    /// The file `file` and every file it imports, directly or not, dependencies first.
    public func fileWithDependencies(_ file: FileDescriptorProto) -> [FileDescriptorProto] {
        var seen: Set<String> = []
        var ordered: [FileDescriptorProto] = []
        func visit(_ file: FileDescriptorProto) {
            guard seen.insert(file.name ?? "").inserted else { return }
            for dependency in file.dependency {
                if let imported = fileByName[dependency] { visit(imported) }
            }
            ordered.append(file)
        }
        visit(file)
        return ordered
    }

    static func trimmed(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }
}

/// Why a set of descriptors could not be made into a pool.
public struct DescriptorPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file where the problem is.
    public let file: String
    /// What is wrong, naming the symbol.
    public let message: String

    /// Creates an error.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file.proto: message`.
    public var description: String { "\(file): \(message)" }
}

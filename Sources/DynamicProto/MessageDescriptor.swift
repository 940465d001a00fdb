import ProtoDescriptors

/// A message type in a pool: its fields in number order and lookups by number and name.
public struct MessageDescriptor: Sendable {
    /// The fully qualified name, such as `pinit.v1.Schedule` (no leading dot).
    public let fullName: String
    /// The name of the file that declares the message.
    public let fileName: String
    /// The fields, in field-number order.
    public let fields: [FieldDescriptor]
    /// The real oneofs, in declaration order.
    public let oneofs: [OneofDescriptor]
    /// True for the synthetic entry type of a map field.
    public let isMapEntry: Bool
    /// The descriptor the message was built from.
    public let proto: DescriptorProto

    let indexByNumber: [Int: Int]
    let indexByName: [String: Int]
    let indexByJSONName: [String: Int]

    init(
        fullName: String, fileName: String, fields: [FieldDescriptor], oneofs: [OneofDescriptor], proto: DescriptorProto
    ) {
        self.fullName = fullName
        self.fileName = fileName
        self.fields = fields.sorted { $0.number < $1.number }
        self.oneofs = oneofs
        self.isMapEntry = proto.options?.mapEntry == true
        self.proto = proto
        var byNumber: [Int: Int] = [:], byName: [String: Int] = [:], byJSONName: [String: Int] = [:]
        for (index, field) in self.fields.enumerated() {
            byNumber[field.number] = index
            byName[field.name] = index
            byJSONName[field.jsonName] = index
        }
        indexByNumber = byNumber
        indexByName = byName
        indexByJSONName = byJSONName
    }

    /// The field numbered `number`, if the message declares one.
    public func field(number: Int) -> FieldDescriptor? {
        indexByNumber[number].map { fields[$0] }
    }

    /// The field whose `.proto` name is `name`.
    public func field(named name: String) -> FieldDescriptor? {
        indexByName[name].map { fields[$0] }
    }

    /// The field whose JSON name is `jsonName`.
    public func field(jsonName: String) -> FieldDescriptor? {
        indexByJSONName[jsonName].map { fields[$0] }
    }
}

/// An enum type in a pool. Enums are open: numbers without a name are kept.
public struct EnumDescriptor: Sendable {
    /// The fully qualified name, such as `codectest.TestAllTypes.NestedEnum`.
    public let fullName: String
    /// The values as declared (aliases included), names with their numbers.
    public let values: [(name: String, number: Int32)]

    let numberByName: [String: Int32]
    let nameByNumber: [Int32: String]

    init(fullName: String, proto: EnumDescriptorProto) {
        self.fullName = fullName
        values = proto.value.map { ($0.name ?? "", $0.number ?? 0) }
        var byName: [String: Int32] = [:], byNumber: [Int32: String] = [:]
        for value in values {
            byName[value.name] = value.number
            if byNumber[value.number] == nil { byNumber[value.number] = value.name }
        }
        numberByName = byName
        nameByNumber = byNumber
    }

    /// The number of the value called `name`.
    public func number(named name: String) -> Int32? { numberByName[name] }

    /// The first declared name for `number`, nil for a number the enum does not name.
    public func name(for number: Int32) -> String? { nameByNumber[number] }
}

/// A service in a pool, with its methods.
public struct ServiceDescriptor: Sendable {
    /// The fully qualified name, such as `grpc.health.v1.Health`.
    public let fullName: String
    /// The name of the file that declares the service.
    public let fileName: String
    /// The methods, in declaration order.
    public let methods: [ServiceMethod]

    /// The method called `name` (the short name, such as `Check`).
    public func method(named name: String) -> ServiceMethod? {
        methods.first { $0.name == name }
    }
}

/// One RPC method of a service.
public struct ServiceMethod: Sendable, Hashable {
    /// The short name, such as `Check`.
    public let name: String
    /// The fully qualified service name.
    public let serviceName: String
    /// The fully qualified request message type.
    public let inputType: String
    /// The fully qualified response message type.
    public let outputType: String
    /// True when the client sends a stream of requests.
    public let clientStreaming: Bool
    /// True when the server sends a stream of responses.
    public let serverStreaming: Bool

    /// The gRPC path: `/pkg.Service/Method`.
    public var path: String { "/\(serviceName)/\(name)" }
    /// The fully qualified method name: `pkg.Service.Method`.
    public var fullName: String { "\(serviceName).\(name)" }
}

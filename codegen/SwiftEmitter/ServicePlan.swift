import ProtoDescriptors

/// One service's generated names and methods.
struct ServicePlan {
    /// The four shapes of an RPC.
    enum Kind {
        case unary, serverStreaming, clientStreaming, bidirectionalStreaming
    }

    /// One method of the service.
    struct Method {
        /// The name in the .proto file (`GetFeature`), as it goes on the wire.
        let protoName: String
        /// The Swift function and descriptor name (`getFeature`), escaped when needed.
        let name: String
        /// The request message's Swift type.
        let input: String
        /// The response message's Swift type.
        let output: String
        /// Which of the four shapes the method has.
        let kind: Kind
        /// The leading comment from the source, if any.
        let comment: String?
    }

    /// The fully qualified service name (`pinit.v1.ScheduleService`).
    let protoName: String
    /// The namespace enum's Swift name (`Pinit_V1_ScheduleService`).
    let swiftName: String
    /// The methods in declaration order.
    let methods: [Method]
    /// The leading comment from the source, if any.
    let comment: String?
    /// The enum embedding the declaring file's descriptor (`Pinit_V1_Task_FileDescriptor`).
    let fileDescriptorType: String

    /// Names the generated members must leave alone.
    private static let reservedMethodNames: Set<String> = [
        "rpcClient", "registerMethods", "all", "init", "self", "Type",
    ]

    /// Plans `service`, the `index`th service of the file in `context`.
    init(_ service: ServiceDescriptorProto, index: Int, package: String?, prefix: String, in context: FileContext)
        throws(SwiftEmitterError)
    {
        let name = service.name ?? "Service\(index)"
        protoName = (package.map { $0.isEmpty ? "" : $0 + "." } ?? "") + name
        swiftName = prefix + name
        fileDescriptorType = SwiftNaming.fileDescriptorTypeName(of: context.fileName)
        let path: [Int32] = [6, Int32(index)]
        comment = context.comments[path]
        var methods: [Method] = []
        for (methodIndex, method) in service.method.enumerated() {
            let methodName = method.name ?? "Method\(methodIndex)"
            var swiftName = SwiftNaming.lowerCamel(methodName)
            if Self.reservedMethodNames.contains(swiftName) { swiftName += "_" }
            let kind: Kind =
                switch (method.clientStreaming == true, method.serverStreaming == true) {
                case (false, false): .unary
                case (false, true): .serverStreaming
                case (true, false): .clientStreaming
                case (true, true): .bidirectionalStreaming
                }
            methods.append(
                Method(
                    protoName: methodName, name: SwiftNaming.escaped(swiftName),
                    input: try Self.messageType(method.inputType, of: protoName + "." + methodName, in: context),
                    output: try Self.messageType(method.outputType, of: protoName + "." + methodName, in: context),
                    kind: kind, comment: context.comments[path + [2, Int32(methodIndex)]]))
        }
        self.methods = methods
    }

    private static func messageType(_ name: String?, of method: String, in context: FileContext)
        throws(SwiftEmitterError) -> String
    {
        guard let name, let entry = context.table[name], entry.message != nil else {
            throw SwiftEmitterError(
                file: context.fileName,
                message: "method \(method) uses \(name ?? "(none)"), which is not a known message")
        }
        return entry.swiftName
    }
}

import ProtoDescriptors

/// Collects the symbols of a set of files, then resolves each message's fields.
struct DescriptorPoolBuilder {
    /// A message waiting for its fields to be resolved.
    struct PendingMessage {
        let proto: DescriptorProto
        let fileName: String
        let syntax: String
    }

    var pending: [String: PendingMessage] = [:]
    var enums: [String: EnumDescriptor] = [:]
    var services: [String: ServiceDescriptor] = [:]
    var fileBySymbol: [String: String] = [:]

    mutating func collect(_ file: FileDescriptorProto) throws(DescriptorPoolError) {
        let fileName = file.name ?? ""
        let prefix = file.package.map { $0.isEmpty ? "" : $0 + "." } ?? ""
        let syntax = file.syntax ?? "proto2"
        for message in file.messageType {
            try collect(message, prefix: prefix, fileName: fileName, syntax: syntax)
        }
        for enumType in file.enumType {
            try collect(enumType, prefix: prefix, fileName: fileName)
        }
        for field in file.extension {
            try declare(prefix + (field.name ?? ""), in: fileName)
        }
        for service in file.service {
            let fullName = prefix + (service.name ?? "")
            try declare(fullName, in: fileName)
            let methods = service.method.map { method in
                ServiceMethod(
                    name: method.name ?? "", serviceName: fullName,
                    inputType: DescriptorPool.trimmed(method.inputType ?? ""),
                    outputType: DescriptorPool.trimmed(method.outputType ?? ""),
                    clientStreaming: method.clientStreaming ?? false,
                    serverStreaming: method.serverStreaming ?? false)
            }
            for method in methods { try declare(method.fullName, in: fileName) }
            services[fullName] = ServiceDescriptor(fullName: fullName, fileName: fileName, methods: methods)
        }
    }

    mutating func collect(
        _ message: DescriptorProto, prefix: String, fileName: String, syntax: String
    ) throws(DescriptorPoolError) {
        let fullName = prefix + (message.name ?? "")
        try declare(fullName, in: fileName)
        pending[fullName] = PendingMessage(proto: message, fileName: fileName, syntax: syntax)
        for field in message.field + message.extension {
            try declare(fullName + "." + (field.name ?? ""), in: fileName)
        }
        for nested in message.nestedType {
            try collect(nested, prefix: fullName + ".", fileName: fileName, syntax: syntax)
        }
        for enumType in message.enumType {
            try collect(enumType, prefix: fullName + ".", fileName: fileName)
        }
    }

    mutating func collect(_ enumType: EnumDescriptorProto, prefix: String, fileName: String) throws(DescriptorPoolError)
    {
        let fullName = prefix + (enumType.name ?? "")
        try declare(fullName, in: fileName)
        // Enum values are scoped like their enum's siblings, as in C++.
        for value in enumType.value {
            fileBySymbol[prefix + (value.name ?? "")] = fileName
        }
        enums[fullName] = EnumDescriptor(fullName: fullName, proto: enumType)
    }

    mutating func declare(_ symbol: String, in fileName: String) throws(DescriptorPoolError) {
        if let previous = fileBySymbol[symbol] {
            throw DescriptorPoolError(file: fileName, message: "\"\(symbol)\" is already defined in \(previous)")
        }
        fileBySymbol[symbol] = fileName
    }

    func buildMessages() throws(DescriptorPoolError) -> [String: MessageDescriptor] {
        var messages: [String: MessageDescriptor] = [:]
        for (fullName, message) in pending {
            let fields = try message.proto.field.map { (field) throws(DescriptorPoolError) in
                try resolve(field, in: message, messageName: fullName)
            }
            let real = message.proto.oneofDecl.indices.filter { index in
                message.proto.field.contains { $0.oneofIndex == Int32(index) && $0.proto3Optional != true }
            }
            let oneofs = real.map { index in
                OneofDescriptor(
                    name: message.proto.oneofDecl[index].name ?? "",
                    fieldNumbers: message.proto.field.filter { $0.oneofIndex == Int32(index) }.map {
                        Int($0.number ?? 0)
                    })
            }
            messages[fullName] = MessageDescriptor(
                fullName: fullName, fileName: message.fileName, fields: fields, oneofs: oneofs, proto: message.proto)
        }
        return messages
    }

    func resolve(
        _ field: FieldDescriptorProto, in message: PendingMessage, messageName: String
    ) throws(DescriptorPoolError) -> FieldDescriptor {
        let name = field.name ?? ""
        guard let type = field.type, type.rawValue >= 1, type.rawValue <= 18 else {
            throw DescriptorPoolError(file: message.fileName, message: "field \(messageName).\(name) has no valid type")
        }
        var typeName: String?
        var mapEntry: MapEntryDescriptor?
        if type == .message || type == .group || type == .enum {
            let resolved = DescriptorPool.trimmed(field.typeName ?? "")
            let known = type == .enum ? enums[resolved] != nil : pending[resolved] != nil
            guard known, field.typeName?.hasPrefix(".") == true else {
                throw DescriptorPoolError(
                    file: message.fileName,
                    message: "field \(messageName).\(name) has unresolved type \"\(field.typeName ?? "")\"")
            }
            typeName = resolved
            if let entry = pending[resolved], entry.proto.options?.mapEntry == true, field.label == .repeated {
                mapEntry = try resolveMapEntry(entry, name: resolved)
            }
        }
        let isRepeated = field.label == .repeated
        let isProto3Optional = field.proto3Optional == true
        let realOneof = isProto3Optional ? nil : field.oneofIndex.map(Int.init)
        let hasPresence =
            !isRepeated
            && (type == .message || type == .group || field.oneofIndex != nil || message.syntax != "proto3")
        let packedOption = field.options?.packed
        let isPacked = isRepeated && type.isPackable && (packedOption ?? (message.syntax != "proto2"))
        return FieldDescriptor(
            name: name, jsonName: field.jsonName ?? FieldDescriptorProto.defaultJSONName(for: name),
            number: Int(field.number ?? 0), type: type, isRepeated: isRepeated, typeName: typeName,
            oneofIndex: realOneof, hasPresence: hasPresence, isProto3Optional: isProto3Optional,
            isPacked: isPacked, mapEntry: mapEntry,
            explicitDefault: ExplicitDefaults.value(
                field.defaultValue, type: type, enumType: typeName.flatMap { enums[$0] }))
    }

    func resolveMapEntry(_ entry: PendingMessage, name: String) throws(DescriptorPoolError) -> MapEntryDescriptor {
        let key = entry.proto.field.first { $0.number == 1 }
        let value = entry.proto.field.first { $0.number == 2 }
        guard let key, let value else {
            throw DescriptorPoolError(file: entry.fileName, message: "map entry \(name) lacks its key or value field")
        }
        return MapEntryDescriptor(
            key: try resolve(key, in: entry, messageName: name),
            value: try resolve(value, in: entry, messageName: name))
    }
}

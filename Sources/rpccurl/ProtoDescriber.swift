import ProtoDescriptors

/// Prints descriptors as `.proto` source, the way grpcurl's `describe` does.
struct ProtoDescriber {
    let files: [FileDescriptorProto]

    /// `NAME is a KIND:` followed by the element's source, or nil when no file declares `symbol`.
    func describe(_ symbol: String) -> String? {
        let name = symbol.hasPrefix(".") ? String(symbol.dropFirst()) : symbol
        for file in files {
            let package = file.package ?? ""
            let scope = package.isEmpty ? "" : package + "."
            for service in file.service {
                let serviceName = scope + (service.name ?? "")
                if serviceName == name { return "\(name) is a service:\n" + serviceText(service) }
                for method in service.method where serviceName + "." + (method.name ?? "") == name {
                    return "\(name) is a method:\n" + methodText(method) + "\n"
                }
            }
            if let found = find(name, messages: file.messageType, enums: file.enumType, scope: scope) { return found }
        }
        return nil
    }

    private func find(_ name: String, messages: [DescriptorProto], enums: [EnumDescriptorProto], scope: String)
        -> String?
    {
        for enumType in enums where scope + (enumType.name ?? "") == name {
            return "\(name) is an enum:\n" + enumText(enumType, indent: "")
        }
        for message in messages {
            let messageName = scope + (message.name ?? "")
            if messageName == name { return "\(name) is a message:\n" + messageText(message, indent: "") }
            for field in message.field where messageName + "." + (field.name ?? "") == name {
                return "\(name) is a field:\n" + fieldText(field, in: message) + "\n"
            }
            if let found = find(name, messages: message.nestedType, enums: message.enumType, scope: messageName + ".") {
                return found
            }
        }
        return nil
    }

    func serviceText(_ service: ServiceDescriptorProto) -> String {
        var text = "service \(service.name ?? "") {\n"
        for method in service.method { text += "  " + methodText(method) + "\n" }
        return text + "}\n"
    }

    func methodText(_ method: MethodDescriptorProto) -> String {
        let input = (method.clientStreaming == true ? "stream " : "") + (method.inputType ?? "")
        let output = (method.serverStreaming == true ? "stream " : "") + (method.outputType ?? "")
        return "rpc \(method.name ?? "") ( \(input) ) returns ( \(output) );"
    }

    func messageText(_ message: DescriptorProto, indent: String) -> String {
        var text = indent + "message \(message.name ?? "") {\n"
        let inner = indent + "  "
        var printedOneofs: Set<Int32> = []
        for field in message.field {
            if let index = field.oneofIndex, field.proto3Optional != true {
                guard printedOneofs.insert(index).inserted else { continue }
                text += inner + "oneof \(message.oneofDecl[Int(index)].name ?? "") {\n"
                for member in message.field where member.oneofIndex == index {
                    text += inner + "  " + fieldText(member, in: message) + "\n"
                }
                text += inner + "}\n"
            } else {
                text += inner + fieldText(field, in: message) + "\n"
            }
        }
        for nested in message.nestedType where nested.options?.mapEntry != true {
            text += messageText(nested, indent: inner)
        }
        for enumType in message.enumType { text += enumText(enumType, indent: inner) }
        return text + indent + "}\n"
    }

    func enumText(_ enumType: EnumDescriptorProto, indent: String) -> String {
        var text = indent + "enum \(enumType.name ?? "") {\n"
        for value in enumType.value { text += indent + "  \(value.name ?? "") = \(value.number ?? 0);\n" }
        return text + indent + "}\n"
    }

    /// One field declaration: `repeated .pkg.Type name = 3;`, `map<string, int64> counts = 10;`.
    func fieldText(_ field: FieldDescriptorProto, in message: DescriptorProto) -> String {
        let declaration = "\(field.name ?? "") = \(field.number ?? 0);"
        if let entry = mapEntry(of: field, in: message), entry.field.count == 2 {
            return "map<\(typeText(entry.field[0])), \(typeText(entry.field[1]))> " + declaration
        }
        let label: String
        switch field.label {
        case .repeated?: label = "repeated "
        case .required?: label = "required "
        case .optional? where field.proto3Optional == true: label = "optional "
        default: label = ""
        }
        return label + typeText(field) + " " + declaration
    }

    private func mapEntry(of field: FieldDescriptorProto, in message: DescriptorProto) -> DescriptorProto? {
        guard field.label == .repeated, field.type == .message, let typeName = field.typeName else { return nil }
        let short = typeName.split(separator: ".").last.map(String.init)
        return message.nestedType.first { $0.name == short && $0.options?.mapEntry == true }
    }

    private func typeText(_ field: FieldDescriptorProto) -> String {
        switch field.type {
        case .message?, .enum?, .group?: return field.typeName ?? ""
        case let type?: return "\(type)".lowercased()
        case nil: return field.typeName ?? ""
        }
    }
}

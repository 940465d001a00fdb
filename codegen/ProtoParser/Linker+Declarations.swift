import ProtoDescriptors

/// Building descriptors for messages, fields, enums and services, with their names resolved.
extension Linker {
    static let scalarTypes: [String: FieldDescriptorProto.TypeEnum] = [
        "double": .double, "float": .float, "int64": .int64, "uint64": .uint64, "int32": .int32,
        "fixed64": .fixed64, "fixed32": .fixed32, "bool": .bool, "string": .string, "bytes": .bytes,
        "uint32": .uint32, "sfixed32": .sfixed32, "sfixed64": .sfixed64, "sint32": .sint32, "sint64": .sint64,
    ]

    mutating func buildMessage(_ node: MessageNode, scope: String) -> DescriptorProto {
        let fullName = qualify(node.name, in: scope)
        var message = DescriptorProto()
        message.name = node.name
        message.field = node.fields.map { buildField($0, scope: fullName) }
        message.extension = node.extensions.map { buildField($0, scope: fullName) }
        message.nestedType = node.nested.map { buildMessage($0, scope: fullName) }
        message.enumType = node.enums.map { buildEnum($0, scope: fullName) }
        message.oneofDecl = node.oneofs.map { oneof in
            var descriptor = OneofDescriptorProto()
            descriptor.name = oneof.name
            return descriptor
        }
        addSyntheticOneofs(to: &message)
        // A message set's extensions reach past the usual field number limit.
        let extensionMax =
            node.options.isTrue("message_set_wire_format") ? Int64(Int32.max) - 1 : Int64(FieldNumberRules.maximum)
        for statement in node.extensionRanges {
            for range in statement.ranges {
                var descriptor = DescriptorProto.ExtensionRange()
                descriptor.start = Int32(clamping: range.start)
                descriptor.end = Int32(clamping: range.inclusiveEnd(max: extensionMax) + 1)
                message.extensionRange.append(descriptor)
            }
        }
        message.reservedRange = node.reservedRanges.map { range in
            var descriptor = DescriptorProto.ReservedRange()
            descriptor.start = Int32(clamping: range.start)
            descriptor.end = Int32(clamping: range.inclusiveEnd(max: Int64(FieldNumberRules.maximum)) + 1)
            return descriptor
        }
        message.reservedName = node.reservedNames.map(\.0)
        checkFieldNumbers(of: node, fullName: fullName, extensionMax: extensionMax)
        checkMapKeys(of: node, message)
        if file.isProto3 { checkJSONNames(of: node) }
        return message
    }

    /// Protoc gives each proto3 `optional` field a oneof of its own, named `_field`, after the real ones.
    private func addSyntheticOneofs(to message: inout DescriptorProto) {
        var names = Set(message.field.compactMap(\.name) + message.oneofDecl.compactMap(\.name))
        for index in message.field.indices where message.field[index].proto3Optional == true {
            let fieldName = message.field[index].name ?? ""
            var oneofName = fieldName.hasPrefix("_") ? fieldName : "_" + fieldName
            while names.contains(oneofName) { oneofName = "X" + oneofName }
            names.insert(oneofName)
            message.field[index].oneofIndex = Int32(message.oneofDecl.count)
            var oneof = OneofDescriptorProto()
            oneof.name = oneofName
            message.oneofDecl.append(oneof)
        }
    }

    mutating func buildField(_ node: FieldNode, scope: String) -> FieldDescriptorProto {
        var field = FieldDescriptorProto()
        field.name = node.name
        field.number = Int32(clamping: node.number)
        switch node.label {
        case .none: field.label = node.mapTypes != nil ? .repeated : .optional
        case .optional: field.label = .optional
        case .required: field.label = .required
        case .repeated: field.label = .repeated
        }
        if node.group != nil {
            field.type = .group
            field.typeName = resolveType(node.typeName, in: scope, at: node.typeStart).map { "." + $0.0 }
        } else if node.mapTypes != nil {
            field.type = .message
            let entryName = FieldDescriptorProto.mapEntryName(for: node.name)
            field.typeName = "." + qualify(entryName, in: scope)
        } else if !node.typeName.hasPrefix("."), let scalar = Linker.scalarTypes[node.typeName] {
            field.type = scalar
        } else if let (fullName, entry) = resolveType(node.typeName, in: scope, at: node.typeStart) {
            field.type = entry.kind == .enumType ? .enum : .message
            field.typeName = "." + fullName
            if entry.kind == .enumType, file.isProto3, node.extendee == nil, fileIsProto3[entry.file] == false {
                sink.report(
                    "Enum type \"\(node.typeName)\" is not a proto3 enum, but is used in \"\(scope)\" which is a proto3 message type.",
                    at: node.typeStart)
            }
        }
        if let extendee = node.extendee {
            if let (fullName, entry) = resolveType(extendee, in: scope, at: node.extendeeStart) {
                if entry.kind == .message {
                    field.extendee = "." + fullName
                } else {
                    sink.report("\"\(extendee)\" is not a message type.", at: node.extendeeStart)
                }
            }
        }
        if let (value, position) = node.defaultValue {
            field.defaultValue = defaultValue(value, for: field, at: position)
        }
        if let index = node.oneofIndex { field.oneofIndex = Int32(index) }
        if case .identifier(let packed, negative: false) = node.options.plainValue(of: "packed") {
            // Known before options are interpreted, so aggregate option values can pack this field.
            var options = FieldOptions()
            options.packed = packed == "true"
            field.options = options
        }
        field.jsonName = node.jsonName ?? FieldDescriptorProto.defaultJSONName(for: node.name)
        if file.isProto3 && node.label == .optional { field.proto3Optional = true }
        return field
    }

    mutating func buildEnum(_ node: EnumNode, scope: String) -> EnumDescriptorProto {
        var descriptor = EnumDescriptorProto()
        descriptor.name = node.name
        descriptor.value = node.values.map { value in
            var valueDescriptor = EnumValueDescriptorProto()
            valueDescriptor.name = value.name
            valueDescriptor.number = Int32(clamping: value.number)
            return valueDescriptor
        }
        descriptor.reservedRange = node.reservedRanges.map { range in
            var reserved = EnumDescriptorProto.EnumReservedRange()
            reserved.start = Int32(clamping: range.start)
            reserved.end = Int32(clamping: range.inclusiveEnd(max: Int64(Int32.max)))
            return reserved
        }
        descriptor.reservedName = node.reservedNames.map(\.0)
        checkEnum(node, scope: scope)
        return descriptor
    }

    mutating func buildService(_ node: ServiceNode) -> ServiceDescriptorProto {
        let fullName = qualify(node.name, in: package)
        var service = ServiceDescriptorProto()
        service.name = node.name
        service.method = node.methods.map { method in
            var descriptor = MethodDescriptorProto()
            descriptor.name = method.name
            descriptor.inputType = resolveMessageType(method.inputType, in: fullName, at: method.inputStart)
            descriptor.outputType = resolveMessageType(method.outputType, in: fullName, at: method.outputStart)
            if method.clientStreaming { descriptor.clientStreaming = true }
            if method.serverStreaming { descriptor.serverStreaming = true }
            return descriptor
        }
        return service
    }

    private mutating func resolveMessageType(_ name: String, in scope: String, at position: SourcePosition) -> String? {
        guard let (fullName, entry) = resolveType(name, in: scope, at: position) else { return nil }
        guard entry.kind == .message else {
            sink.report("\"\(name)\" is not a message type.", at: position)
            return nil
        }
        return "." + fullName
    }
}

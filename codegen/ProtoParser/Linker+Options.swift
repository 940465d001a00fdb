import ProtoCodec
import ProtoDescriptors

/// Interpreting options: each `option` becomes a field of the element's options message,
/// encoded in the order written (as protoc leaves custom options in unknown fields), then
/// decoded into the typed options message so built-in options land in their typed fields.
extension Linker {
    /// The encoded options, or nil when there are none.
    mutating func interpret(_ options: [OptionNode], messageName: String, scope: String, extra: [UInt8] = [])
        -> [UInt8]?
    {
        guard !options.isEmpty || !extra.isEmpty else { return nil }
        var bytes = extra
        for option in options {
            do {
                bytes += try encodeOption(option, messageName: messageName, scope: scope, earlier: bytes)
            } catch {
                // Like protoc, stop at the first bad option of an element: later ones often follow from it.
                sink.report(error.message, at: error.position)
                break
            }
        }
        return bytes
    }

    /// Protoc's rule: a singular option may be set once, whether alone or inside an earlier
    /// aggregate or sub-field assignment; `numbers` is the option's path of field numbers.
    private func isAlreadySet(_ numbers: ArraySlice<Int32>, in bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = numbers.first, let fields = WireBytes.fields(in: bytes) else { return false }
        for field in fields where field.number == first {
            if numbers.count == 1 { return true }
            if field.wireType == WireBytes.lengthDelimited || field.wireType == WireBytes.startGroup,
                isAlreadySet(numbers.dropFirst(), in: field.payload)
            {
                return true
            }
        }
        return false
    }

    private func encodeOption(_ option: OptionNode, messageName: String, scope: String, earlier: [UInt8])
        throws(OptionError) -> [UInt8]
    {
        var chain: [OptionField] = []
        var container = messageName
        var written = ""
        var leafExtensionName = ""
        for part in option.name {
            written += (written.isEmpty ? "" : ".") + (part.isExtension ? "(\(part.name))" : part.name)
            if let previous = chain.last {
                guard previous.type == .message || previous.type == .group, let typeName = previous.typeName else {
                    throw OptionError(
                        message:
                            "Option \"\(written.dropLast(part.name.count + (part.isExtension ? 3 : 1)))\" is an atomic type, not a message.",
                        position: part.start)
                }
                if previous.isRepeated {
                    throw OptionError(
                        message:
                            "Option field \"\(written)\" is a repeated message. Repeated message options must be initialized using an aggregate value.",
                        position: part.start)
                }
                container = typeName
            }
            if part.isExtension {
                guard let found = optionExtension(part.name, in: scope) else {
                    throw OptionError(
                        message:
                            "Option \"(\(part.name))\" unknown. Ensure that your proto definition file imports the proto which defines the option.",
                        position: part.start)
                }
                guard found.extendee == container else {
                    throw OptionError(
                        message:
                            "Option \"(\(part.name))\" is an extension of \"\(found.extendee)\", not of \"\(container)\".",
                        position: part.start)
                }
                chain.append(found.field)
                leafExtensionName = found.fullName
            } else {
                guard let field = optionFields(of: container)?.first(where: { $0.name == part.name }) else {
                    throw OptionError(
                        message: chain.isEmpty
                            ? "Option \"\(part.name)\" unknown."
                            : "Option field \"\(written)\" is not a field or extension of message \"\(container)\".",
                        position: part.start)
                }
                chain.append(field)
            }
        }
        guard let leaf = chain.last else { return [] }
        if !leaf.isRepeated && isAlreadySet(chain.map(\.number)[...], in: earlier[...]) {
            throw OptionError(message: "Option \"\(written)\" was already set.", position: option.start)
        }
        if leaf.name == "map_entry" && chain.count == 1 && messageName == "google.protobuf.MessageOptions" {
            throw OptionError(
                message: "map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.",
                position: option.start)
        }
        let leafName = option.name.last?.isExtension == true ? leafExtensionName : container + "." + leaf.name
        let (payload, wireType) = try encodeValue(
            option.value, for: leaf, optionName: leafName, at: option.valueStart, inAggregate: false)
        var bytes = WireBytes.field(leaf.number, wireType, payload)
        for outer in chain.dropLast().reversed() {
            bytes = WireBytes.field(
                outer.number, outer.type == .group ? WireBytes.startGroup : WireBytes.lengthDelimited, bytes)
        }
        return bytes
    }

    /// Decodes interpreted option bytes into the typed options message `M`. The bytes only fail
    /// to decode when an option's number clashes with a built-in one, which is reported already
    /// as an extension number outside the options message's extension range.
    mutating func decodeOptions<M: Message>(_ bytes: [UInt8]?, as type: M.Type) -> M? {
        guard let bytes else { return nil }
        do {
            return try M(serializedBytes: bytes)
        } catch {
            if sink.diagnostics.isEmpty {
                sink.reportFile("Options of \(M.protoMessageName) could not be encoded: \(error)")
            }
            return nil
        }
    }
}

/// Walking the syntax tree and the descriptors side by side to fill every `options` field.
extension Linker {
    mutating func interpretOptions(of descriptor: inout FileDescriptorProto) {
        descriptor.options = decodeOptions(
            interpret(file.options, messageName: "google.protobuf.FileOptions", scope: package), as: FileOptions.self)
        for index in file.messages.indices {
            interpretOptions(of: file.messages[index], &descriptor.messageType[index], scope: package)
        }
        for index in file.enums.indices {
            interpretOptions(of: file.enums[index], &descriptor.enumType[index], scope: package)
        }
        for index in file.extensions.indices {
            interpretOptions(of: file.extensions[index], &descriptor.extension[index], scope: package)
        }
        for (node, index) in zip(file.services, descriptor.service.indices) {
            let fullName = qualify(node.name, in: package)
            descriptor.service[index].options = decodeOptions(
                interpret(node.options, messageName: "google.protobuf.ServiceOptions", scope: package),
                as: ServiceOptions.self)
            for (method, methodIndex) in zip(node.methods, descriptor.service[index].method.indices) {
                let bytes = interpret(method.options, messageName: "google.protobuf.MethodOptions", scope: fullName)
                descriptor.service[index].method[methodIndex].options = decodeOptions(
                    bytes ?? (method.hasBody ? [] : nil), as: MethodOptions.self)
            }
        }
        checkEnumDefaults()
    }

    private mutating func interpretOptions(of node: MessageNode, _ message: inout DescriptorProto, scope: String) {
        let fullName = qualify(node.name, in: scope)
        let mapEntry: [UInt8] = node.isMapEntry ? WireBytes.field(7, WireBytes.varint, [1]) : []
        message.options = decodeOptions(
            interpret(node.options, messageName: "google.protobuf.MessageOptions", scope: scope, extra: mapEntry),
            as: MessageOptions.self)
        for index in node.fields.indices {
            interpretOptions(of: node.fields[index], &message.field[index], scope: fullName)
        }
        for index in node.extensions.indices {
            interpretOptions(of: node.extensions[index], &message.extension[index], scope: fullName)
        }
        for index in node.nested.indices {
            interpretOptions(of: node.nested[index], &message.nestedType[index], scope: fullName)
        }
        for index in node.enums.indices {
            interpretOptions(of: node.enums[index], &message.enumType[index], scope: fullName)
        }
        for index in node.oneofs.indices {
            message.oneofDecl[index].options = decodeOptions(
                interpret(node.oneofs[index].options, messageName: "google.protobuf.OneofOptions", scope: fullName),
                as: OneofOptions.self)
        }
        var rangeIndex = 0
        for statement in node.extensionRanges {
            let options = decodeOptions(
                interpret(statement.options, messageName: "google.protobuf.ExtensionRangeOptions", scope: scope),
                as: ExtensionRangeOptions.self)
            for _ in statement.ranges {
                message.extensionRange[rangeIndex].options = options
                rangeIndex += 1
            }
        }
    }

    private mutating func interpretOptions(of node: FieldNode, _ field: inout FieldDescriptorProto, scope: String) {
        field.options = decodeOptions(
            interpret(node.options, messageName: "google.protobuf.FieldOptions", scope: scope), as: FieldOptions.self)
        if field.options?.packed == true, let type = field.type,
            field.label != .repeated || [.string, .bytes, .message, .group].contains(type)
        {
            sink.report("[packed = true] can only be specified for repeated primitive fields.", at: node.typeStart)
        }
        if node.extendee != nil {
            checkExtension(node, field, fullName: qualify(node.name, in: scope))
        }
    }

    private mutating func interpretOptions(of node: EnumNode, _ descriptor: inout EnumDescriptorProto, scope: String) {
        descriptor.options = decodeOptions(
            interpret(node.options, messageName: "google.protobuf.EnumOptions", scope: scope), as: EnumOptions.self)
        for (value, index) in zip(node.values, descriptor.value.indices) {
            descriptor.value[index].options = decodeOptions(
                interpret(value.options, messageName: "google.protobuf.EnumValueOptions", scope: scope),
                as: EnumValueOptions.self)
        }
    }
}

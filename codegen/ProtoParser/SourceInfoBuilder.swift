import ProtoDescriptors

/// Builds `SourceCodeInfo` for declarations (messages, fields, oneofs, enums, enum values,
/// extensions, services, methods) with protoc's paths, spans and leading comments.
struct SourceInfoBuilder {
    let file: FileNode
    private var locations: [SourceCodeInfo.Location] = []

    init(file: FileNode) {
        self.file = file
    }

    consuming func build() -> SourceCodeInfo {
        add([], file.span)
        for (index, message) in file.messages.enumerated() { addMessage(message, path: [4, Int32(index)]) }
        for (index, node) in file.enums.enumerated() { addEnum(node, path: [5, Int32(index)]) }
        for (index, service) in file.services.enumerated() {
            let path: [Int32] = [6, Int32(index)]
            add(path, service.span)
            for (methodIndex, method) in service.methods.enumerated() {
                add(path + [2, Int32(methodIndex)], method.span)
            }
        }
        for (index, field) in file.extensions.enumerated() { add([7, Int32(index)], field.span) }
        var info = SourceCodeInfo()
        info.location = locations
        return info
    }

    private mutating func addMessage(_ message: MessageNode, path: [Int32]) {
        add(path, message.span)
        for (index, field) in message.fields.enumerated() { add(path + [2, Int32(index)], field.span) }
        for (index, nested) in message.nested.enumerated() where !nested.isMapEntry {
            addMessage(nested, path: path + [3, Int32(index)])
        }
        for (index, node) in message.enums.enumerated() { addEnum(node, path: path + [4, Int32(index)]) }
        for (index, field) in message.extensions.enumerated() { add(path + [6, Int32(index)], field.span) }
        for (index, oneof) in message.oneofs.enumerated() { add(path + [8, Int32(index)], oneof.span) }
    }

    private mutating func addEnum(_ node: EnumNode, path: [Int32]) {
        add(path, node.span)
        for (index, value) in node.values.enumerated() { add(path + [2, Int32(index)], value.span) }
    }

    private mutating func add(_ path: [Int32], _ span: Span) {
        var location = SourceCodeInfo.Location()
        location.path = path
        let start = span.start
        let end = span.end
        location.span =
            start.line == end.line
            ? [Int32(start.line), Int32(start.column), Int32(end.column)]
            : [Int32(start.line), Int32(start.column), Int32(end.line), Int32(end.column)]
        location.leadingComments = span.leadingComment
        location.trailingComments = span.trailingComment
        location.leadingDetachedComments = span.detachedComments
        locations.append(location)
    }
}

import ProtoDescriptors

/// What generating one file needs to know: its syntax, its comments, and every type in scope.
struct FileContext {
    /// The file's name (`pinit/v1/task.proto`).
    let fileName: String
    /// Whether the file is proto3 (implicit presence, packed repeated numerics).
    let isProto3: Bool
    /// Every type of every file given to the emitter.
    let table: TypeTable
    /// Leading comments by source location path.
    let comments: [[Int32]: String]

    /// Reads the syntax and comments of `file`; rejects syntaxes other than proto2 and proto3.
    init(file: FileDescriptorProto, table: TypeTable) throws(SwiftEmitterError) {
        fileName = file.name ?? "(unnamed).proto"
        switch file.syntax ?? "proto2" {
        case "", "proto2": isProto3 = false
        case "proto3": isProto3 = true
        case let other:
            throw SwiftEmitterError(
                file: fileName, message: "syntax \"\(other)\" is not supported (proto2 and proto3 are)")
        }
        self.table = table
        var comments: [[Int32]: String] = [:]
        for location in file.sourceCodeInfo?.location ?? [] {
            if let leading = location.leadingComments, !leading.isEmpty { comments[location.path] = leading }
        }
        self.comments = comments
    }

    /// The codec of one value of `field`.
    func codec(for field: FieldDescriptorProto, in owner: String) throws(SwiftEmitterError) -> FieldCodecChoice {
        let type = field.type ?? .unrecognized(0)
        if let scalar = FieldCodecChoice.scalar(type) { return scalar }
        let entry = try table.resolve(field, in: owner, file: fileName)
        switch type {
        case .enum where entry.enumType != nil: return .enumeration(entry.swiftName)
        case .message where entry.message != nil: return .message(entry.swiftName)
        default:
            throw SwiftEmitterError(
                file: fileName, message: "field \(owner).\(field.name ?? "?") has a type this generator cannot map")
        }
    }

    /// The key and value codecs when `field` is a map (a repeated synthetic entry message).
    func mapEntry(
        for field: FieldDescriptorProto, in owner: String
    ) throws(SwiftEmitterError) -> (key: FieldCodecChoice, value: FieldCodecChoice)? {
        guard field.type == .message, let entry = table[field.typeName ?? ""]?.message,
            entry.options?.mapEntry == true
        else { return nil }
        guard let key = entry.field.first(where: { $0.number == 1 }),
            let value = entry.field.first(where: { $0.number == 2 })
        else {
            throw SwiftEmitterError(
                file: fileName, message: "map entry \(field.typeName ?? "?") lacks its key or value")
        }
        let entryName = String((field.typeName ?? "").dropFirst())
        return (try codec(for: key, in: entryName), try codec(for: value, in: entryName))
    }
}

import ProtoDescriptors

/// Turns parsed files into `FileDescriptorProto`s, one file at a time in dependency order:
/// registers each file's names, resolves type names by protobuf scoping rules, checks the
/// rules protoc checks, and interprets options (custom ones through their `extend` declarations).
struct Linker {
    let includeSourceInfo: Bool
    var symbols = SymbolTable()
    /// Every message linked so far, by full name, with the syntax of its file.
    var messages: [String: (descriptor: DescriptorProto, isProto3: Bool)] = [:]
    /// Every enum linked so far, by full name.
    var enums: [String: EnumDescriptorProto] = [:]
    /// Every extension linked so far, by full name.
    var extensions: [String: (descriptor: FieldDescriptorProto, isProto3: Bool)] = [:]
    /// Extension numbers taken per extendee (full name), with the extension using each.
    var extensionNumbers: [String: [Int32: String]] = [:]
    /// `[default = NAME]` on enum fields, checked once the file's enums are indexed.
    var pendingEnumDefaults: [(String, String, SourcePosition)] = []
    /// Per file: its public imports, which files importing it see through it.
    private var publicImports: [String: [String]] = [:]
    /// The syntax of every file linked so far.
    var fileIsProto3: [String: Bool] = [:]

    // The file being linked.
    var file = FileNode(name: "")
    var sink = DiagnosticSink(file: "")
    var visibleFiles: Set<String> = []

    init(includeSourceInfo: Bool) {
        self.includeSourceInfo = includeSourceInfo
    }

    var package: String { file.package ?? "" }

    func qualify(_ name: String, in scope: String) -> String {
        scope.isEmpty ? name : scope + "." + name
    }

    /// Links one file after its imports; names from `unavailable` files (those with errors)
    /// are not visible.
    mutating func link(_ node: FileNode, unavailable: Set<String>) -> (
        descriptor: FileDescriptorProto, diagnostics: [Diagnostic]
    ) {
        file = node
        sink = DiagnosticSink(file: node.name)
        publicImports[node.name] = node.imports.filter { $0.kind == .public }.map(\.path)
        fileIsProto3[node.name] = node.isProto3
        visibleFiles = [node.name]
        for dependency in node.imports {
            addVisible(dependency.path, unless: unavailable)
        }
        register()
        var descriptor = FileDescriptorProto()
        descriptor.name = node.name
        descriptor.package = node.package
        descriptor.dependency = node.imports.map(\.path)
        descriptor.publicDependency = node.imports.indices.filter { node.imports[$0].kind == .public }.map { Int32($0) }
        descriptor.weakDependency = node.imports.indices.filter { node.imports[$0].kind == .weak }.map { Int32($0) }
        descriptor.messageType = node.messages.map { buildMessage($0, scope: package) }
        descriptor.enumType = node.enums.map { buildEnum($0, scope: package) }
        descriptor.service = node.services.map { buildService($0) }
        descriptor.extension = node.extensions.map { buildField($0, scope: package) }
        descriptor.syntax = node.isProto3 ? "proto3" : nil
        index(descriptor)
        interpretOptions(of: &descriptor)
        if includeSourceInfo {
            descriptor.sourceCodeInfo = SourceInfoBuilder(file: node).build()
        }
        return (descriptor, sink.diagnostics)
    }

    /// `name` and, through its public imports, what it re-exports.
    private mutating func addVisible(_ name: String, unless unavailable: Set<String>) {
        guard !unavailable.contains(name), visibleFiles.insert(name).inserted else { return }
        for publicImport in publicImports[name] ?? [] {
            addVisible(publicImport, unless: unavailable)
        }
    }

    /// Records the file's messages, enums and extensions for option interpretation.
    private mutating func index(_ descriptor: FileDescriptorProto) {
        let isProto3 = file.isProto3
        func indexMessage(_ message: DescriptorProto, scope: String) {
            let fullName = qualify(message.name ?? "", in: scope)
            messages[fullName] = (message, isProto3)
            for nested in message.nestedType { indexMessage(nested, scope: fullName) }
            for nested in message.enumType { enums[qualify(nested.name ?? "", in: fullName)] = nested }
            for field in message.extension { extensions[qualify(field.name ?? "", in: fullName)] = (field, isProto3) }
        }
        for message in descriptor.messageType { indexMessage(message, scope: package) }
        for nested in descriptor.enumType { enums[qualify(nested.name ?? "", in: package)] = nested }
        for field in descriptor.extension { extensions[qualify(field.name ?? "", in: package)] = (field, isProto3) }
    }

    // MARK: Registration

    private mutating func register() {
        if let package = file.package, let problem = symbols.addPackage(package, file: file.name) {
            sink.report(problem, at: file.packageStart)
        }
        for message in file.messages { registerMessage(message, scope: package) }
        for node in file.enums { registerEnum(node, scope: package) }
        for field in file.extensions { add(qualify(field.name, in: package), .extension, at: field.nameStart) }
        for service in file.services {
            let fullName = qualify(service.name, in: package)
            add(fullName, .service, at: service.span.start)
            for method in service.methods { add(qualify(method.name, in: fullName), .method, at: method.span.start) }
        }
    }

    private mutating func registerMessage(_ message: MessageNode, scope: String) {
        let fullName = qualify(message.name, in: scope)
        add(fullName, .message, at: message.nameStart)
        for field in message.fields { add(qualify(field.name, in: fullName), .field, at: field.nameStart) }
        for oneof in message.oneofs { add(qualify(oneof.name, in: fullName), .oneof, at: oneof.span.start) }
        for nested in message.nested { registerMessage(nested, scope: fullName) }
        for node in message.enums { registerEnum(node, scope: fullName) }
        for field in message.extensions { add(qualify(field.name, in: fullName), .extension, at: field.nameStart) }
    }

    private mutating func registerEnum(_ node: EnumNode, scope: String) {
        let fullName = qualify(node.name, in: scope)
        add(fullName, .enumType, at: node.nameStart)
        for value in node.values {
            let valueName = qualify(value.name, in: scope)
            if let problem = symbols.add(valueName, SymbolTable.Entry(kind: .enumValue, file: file.name)) {
                let note =
                    problem.contains("in file")
                    ? ""
                    : " Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, \"\(value.name)\" must be unique within \"\(scope)\", not just within \"\(node.name)\"."
                sink.report(problem + note, at: value.span.start)
            }
        }
    }

    private mutating func add(_ fullName: String, _ kind: SymbolTable.Kind, at position: SourcePosition) {
        if let problem = symbols.add(fullName, SymbolTable.Entry(kind: kind, file: file.name)) {
            sink.report(problem, at: position)
        }
    }

    /// Resolves a type name written at `position` inside `scope`; nil (and a diagnostic) if it fails.
    mutating func resolveType(_ name: String, in scope: String, at position: SourcePosition) -> (
        String, SymbolTable.Entry
    )? {
        switch symbols.lookup(name, in: scope, from: file.name, visibleFiles: visibleFiles, typesOnly: true) {
        case .found(let fullName, let entry):
            guard entry.kind.isType else {
                sink.report("\"\(name)\" is not a type.", at: position)
                return nil
            }
            return (fullName, entry)
        case .failed(let message):
            sink.report(message, at: position)
            return nil
        }
    }
}

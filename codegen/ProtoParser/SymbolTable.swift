/// Every name declared by the files compiled so far, keyed by full name (no leading dot),
/// with protoc's name resolution rules.
struct SymbolTable {
    enum Kind: Equatable {
        case package, message, enumType, enumValue, field, oneof, service, method, `extension`

        /// Kinds whose names can be followed by `.Inner` in a type name.
        var isAggregate: Bool { self == .package || self == .message || self == .enumType || self == .service }
        var isType: Bool { self == .message || self == .enumType }
    }

    struct Entry {
        var kind: Kind
        var file: String
    }

    private(set) var entries: [String: Entry] = [:]

    /// Adds `fullName`; returns protoc's message when it clashes with an earlier declaration.
    mutating func add(_ fullName: String, _ entry: Entry) -> String? {
        if let existing = entries[fullName] {
            if existing.kind == .package && entry.kind == .package { return nil }
            if existing.file != entry.file {
                return "\"\(fullName)\" is already defined in file \"\(existing.file)\"."
            }
            guard let dot = fullName.lastIndex(of: ".") else { return "\"\(fullName)\" is already defined." }
            return "\"\(fullName[fullName.index(after: dot)...])\" is already defined in \"\(fullName[..<dot])\"."
        }
        entries[fullName] = entry
        return nil
    }

    /// Adds the package and each of its prefixes (`a`, `a.b`, `a.b.c`).
    mutating func addPackage(_ package: String, file: String) -> String? {
        var prefix = ""
        for part in package.split(separator: ".") {
            prefix += prefix.isEmpty ? String(part) : "." + part
            if let existing = entries[prefix], existing.kind != .package {
                return
                    "\"\(prefix)\" is already defined (as something other than a package) in file \"\(existing.file)\"."
            }
            entries[prefix] = Entry(kind: .package, file: file)
        }
        return nil
    }

    /// The outcome of resolving a name written in a `.proto` file.
    enum Lookup {
        case found(String, Entry)
        case failed(String)
    }

    /// Resolves `name` as written inside `scope` (a full name), searching the innermost scope
    /// first; `.a.b` is fully qualified. Only symbols of `visibleFiles` (and packages) count.
    func lookup(_ name: String, in scope: String, from file: String, visibleFiles: Set<String>, typesOnly: Bool)
        -> Lookup
    {
        if name.hasPrefix(".") {
            let fullName = String(name.dropFirst())
            if let entry = visibleEntry(fullName, visibleFiles) { return .found(fullName, entry) }
            return .failed(undefined(name, hiddenIn: entries[fullName]?.file, from: file))
        }
        var hiddenFile: String?
        let first = name.split(separator: ".", maxSplits: 1)[0]
        var scopeToTry = scope
        while true {
            let candidate = scopeToTry.isEmpty ? String(first) : scopeToTry + "." + first
            if hiddenFile == nil, visibleEntry(candidate, visibleFiles) == nil {
                let fullName = scopeToTry.isEmpty ? name : scopeToTry + "." + name
                hiddenFile = entries[fullName]?.file
            }
            if let entry = visibleEntry(candidate, visibleFiles) {
                if first.count < name.count {
                    if entry.kind.isAggregate {
                        let fullName = scopeToTry.isEmpty ? name : scopeToTry + "." + name
                        if let inner = visibleEntry(fullName, visibleFiles) { return .found(fullName, inner) }
                        if fullName == name {
                            return .failed(undefined(name, hiddenIn: entries[name]?.file, from: file))
                        }
                        return .failed(
                            "\"\(name)\" is resolved to \"\(fullName)\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \".\(name)\") to start from the outermost scope."
                        )
                    }
                } else if !typesOnly || entry.kind.isType {
                    return .found(candidate, entry)
                }
            }
            guard let dot = scopeToTry.lastIndex(of: ".") else {
                if scopeToTry.isEmpty { break }
                scopeToTry = ""
                continue
            }
            scopeToTry = String(scopeToTry[..<dot])
        }
        return .failed(undefined(name, hiddenIn: hiddenFile, from: file))
    }

    private func visibleEntry(_ fullName: String, _ visibleFiles: Set<String>) -> Entry? {
        guard let entry = entries[fullName] else { return nil }
        return entry.kind == .package || visibleFiles.contains(entry.file) ? entry : nil
    }

    private func undefined(_ written: String, hiddenIn hiddenFile: String?, from file: String) -> String {
        if let hiddenFile {
            return
                "\"\(written)\" seems to be defined in \"\(hiddenFile)\", which is not imported by \"\(file)\".  To use it here, please add the necessary import."
        }
        return "\"\(written)\" is not defined."
    }
}

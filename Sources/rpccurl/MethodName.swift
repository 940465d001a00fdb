/// Method names as typed on the command line: `pkg.Service/Method` or `pkg.Service.Method`.
enum MethodName {
    /// The service part (what reflection servers resolve; not all resolve method names).
    static func service(of name: String) -> String {
        parts(of: name).service
    }

    /// The method part, after the last `/` or `.`.
    static func method(of name: String) -> String {
        parts(of: name).method
    }

    private static func parts(of name: String) -> (service: String, method: String) {
        let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
        guard let separator = trimmed.lastIndex(of: "/") ?? trimmed.lastIndex(of: ".") else { return (trimmed, "") }
        return (String(trimmed[..<separator]), String(trimmed[trimmed.index(after: separator)...]))
    }
}

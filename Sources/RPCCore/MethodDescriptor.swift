/// Names one RPC method: the fully qualified service and the method within it.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The fully qualified service name, such as `pinit.v1.ScheduleService`.
    public var service: String
    /// The method name, such as `CreateSchedule`.
    public var method: String

    /// Creates a descriptor.
    public init(service: String, method: String) {
        self.service = service
        self.method = method
    }

    /// Parses an HTTP/2 `:path` such as `/pkg.Service/Method`; `nil` unless it has exactly that
    /// shape (a leading slash, a non-empty service, one more slash, a non-empty method).
    public init?(path: some StringProtocol) {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        let rest = path.dropFirst()
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let service = rest[..<slash]
        let method = rest[rest.index(after: slash)...]
        guard !service.isEmpty, !method.isEmpty, !method.contains("/") else { return nil }
        self.init(service: String(service), method: String(method))
    }

    /// The HTTP/2 `:path` of the method: `/pkg.Service/Method`.
    public var fullPath: String { "/\(service)/\(method)" }

    /// The same as ``fullPath``.
    public var description: String { fullPath }
}

/// Names one RPC method: the fully qualified service and the method within it.
///
/// Stored as its HTTP/2 `:path`, so a server turns a request's `:path` into a descriptor and
/// looks its handler up without building any string.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP/2 `:path` of the method: `/pkg.Service/Method`.
    public let fullPath: String
    /// The UTF-8 length of the service name, which starts after the leading slash.
    private let serviceLength: Int

    /// Creates a descriptor.
    public init(service: String, method: String) {
        self.fullPath = "/\(service)/\(method)"
        self.serviceLength = service.utf8.count
    }

    /// Parses an HTTP/2 `:path` such as `/pkg.Service/Method`; `nil` unless it has exactly that
    /// shape (a leading slash, a non-empty service, one more slash, a non-empty method).
    public init?(path: String) {
        var path = path
        guard let serviceLength = path.withUTF8({ Self.serviceLength(ofPath: $0) }) else { return nil }
        self.fullPath = path
        self.serviceLength = serviceLength
    }

    /// The UTF-8 length of the service in a well-formed `:path`, or `nil` when it is malformed.
    private static func serviceLength(ofPath bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var serviceLength: Int?
        for index in 1..<bytes.count where bytes[index] == UInt8(ascii: "/") {
            guard serviceLength == nil else { return nil }
            serviceLength = index - 1
        }
        // The method, after the second slash, must not be empty.
        guard let serviceLength, serviceLength > 0, bytes.count > serviceLength + 2 else { return nil }
        return serviceLength
    }

    /// The fully qualified service name, such as `pinit.v1.ScheduleService`.
    public var service: String {
        String(decoding: fullPath.utf8.dropFirst().prefix(serviceLength), as: UTF8.self)
    }

    /// The method name, such as `CreateSchedule`.
    public var method: String {
        String(decoding: fullPath.utf8.dropFirst(serviceLength + 2), as: UTF8.self)
    }

    /// The same as ``fullPath``.
    public var description: String { fullPath }
}

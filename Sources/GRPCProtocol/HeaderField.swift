/// One HTTP/2 header as the transport sends it: a lower-case name and a value.
public struct HeaderField: Sendable, Hashable, CustomStringConvertible {
    /// The lower-case name, such as `:path` or `grpc-status`.
    public var name: String
    /// The value.
    public var value: String

    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `name: value`.
    public var description: String { "\(name): \(value)" }
}

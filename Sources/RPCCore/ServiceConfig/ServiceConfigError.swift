/// A service config that cannot be used, with where the problem is.
public struct ServiceConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the config: a JSON path such as `methodConfig[0].retryPolicy.maxAttempts`, or
    /// empty for the config as a whole.
    public let path: String
    /// What is wrong.
    public let message: String

    /// Creates an error at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `invalid service config: PATH: MESSAGE`.
    public var description: String {
        "invalid service config: " + (path.isEmpty ? message : "\(path): \(message)")
    }
}

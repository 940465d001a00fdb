import Foundation

/// An HTTP response: status, headers and body.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The header fields, names lower-cased; a repeated field keeps its last value.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A request that got no HTTP response: no connection, a TLS failure, a timeout.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL asked.
    public var url: URL
    /// libcurl's explanation, such as "SSL certificate problem: unable to get local issuer certificate".
    public var reason: String

    /// Creates an error.
    public init(url: URL, reason: String) {
        self.url = url
        self.reason = reason
    }

    /// The URL and the reason.
    public var description: String { "POST \(url) failed: \(reason)" }
}

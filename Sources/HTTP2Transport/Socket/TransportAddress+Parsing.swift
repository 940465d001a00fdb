extension TransportAddress {
    /// Why a string is not an address.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The text given.
        public var text: String
        /// What is wrong with it, for a person.
        public var reason: String

        /// `"TEXT" is not an address: REASON`.
        public var description: String {
            "\"\(text)\" is not an address: \(reason) (expected HOST:PORT, [IPv6]:PORT or unix:PATH)"
        }
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT`, `unix:PATH` or `unix:///ABSOLUTE/PATH`, the forms
    /// printed by ``description``.
    ///
    /// - Throws: ``ParseError`` for an empty host or path, a missing or non-numeric port, or a
    ///   port outside 0–65535.
    public init(parsing text: String) throws(ParseError) {
        func failure(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        if text.hasPrefix("unix:") {
            var path = String(text.dropFirst("unix:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw failure("the socket path is empty") }
            self = .unix(path: path)
            return
        }
        do throws(HostPortSyntax.Error) {
            let (host, port) = try HostPortSyntax.split(text[...], defaultPort: nil)
            self = .tcp(host: host, port: port)
        } catch {
            throw failure(error.reason)
        }
    }
}

/// The `HOST:PORT` and `[IPv6]:PORT` syntax shared by listen addresses and channel targets.
enum HostPortSyntax {
    /// What is wrong with a `HOST:PORT`, for a person.
    struct Error: Swift.Error {
        var reason: String
    }

    /// The host (brackets removed) and port of `text`; without a port, `defaultPort` if there
    /// is one.
    static func split(_ text: Substring, defaultPort: Int?) throws(Error) -> (host: String, port: Int) {
        var host = text
        var port = defaultPort
        let bracketed = text.hasPrefix("[")
        let portColon =
            bracketed
            ? text.firstIndex(of: "]").flatMap { close in
                text[close...].dropFirst().first == ":" ? text.index(after: close) : nil
            } : text.lastIndex(of: ":")
        if let colon = portColon, bracketed || text.firstIndex(of: ":") == colon {
            let portText = text[text.index(after: colon)...]
            guard let number = Int(portText), portText.allSatisfy(\.isASCIIDigit) else {
                throw Error(reason: "the port \"\(portText)\" is not a number")
            }
            guard (0...65535).contains(number) else { throw Error(reason: "the port \(number) is outside 0–65535") }
            host = text[..<colon]
            port = number
        } else if !bracketed, text.contains(":") {
            throw Error(reason: "an IPv6 address must be in brackets")
        }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { throw Error(reason: "an IPv6 address in brackets lacks its \"]\"") }
            host = host.dropFirst().dropLast()
        }
        guard let port else { throw Error(reason: "no port") }
        guard !host.isEmpty else { throw Error(reason: "the host is empty") }
        return (String(host), port)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

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
        guard let colon = text.lastIndex(of: ":") else { throw failure("no port") }
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), portText.allSatisfy(\.isASCIIDigit) else {
            throw failure("the port \"\(portText)\" is not a number")
        }
        guard (0...65535).contains(port) else { throw failure("the port \(port) is outside 0–65535") }
        var host = text[..<colon]
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { throw failure("an IPv6 address in brackets lacks its \"]\"") }
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            throw failure("an IPv6 address must be in brackets")
        }
        guard !host.isEmpty else { throw failure("the host is empty") }
        self = .tcp(host: String(host), port: port)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

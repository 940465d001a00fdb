import Foundation

/// A connection URL that cannot be used, and what is wrong with it.
public struct PostgresURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Hashable {
        /// The URL does not start with `postgres://` or `postgresql://`; the scheme found.
        case unsupportedScheme(String)
        /// No user name before `@`.
        case missingUser
        /// Neither a host after `@` nor a `host=` parameter.
        case missingHost
        /// No database name after the host.
        case missingDatabase
        /// The port is not a number from 1 to 65535; the text found.
        case invalidPort(String)
        /// A query parameter has a value it cannot take.
        case invalidParameter(name: String, value: String)
        /// A query parameter this client does not know.
        case unknownParameter(String)
        /// A part has a `%` not followed by two hex digits; the part.
        case invalidPercentEncoding(String)
    }

    /// What is wrong.
    public let reason: Reason
    /// The URL, its password replaced by `***`.
    public let url: String

    /// The URL and what is wrong with it.
    public var description: String {
        let problem: String
        switch reason {
        case .unsupportedScheme(let scheme):
            problem =
                scheme.isEmpty
                ? "no scheme (expected postgres:// or postgresql://)"
                : "unsupported scheme '\(scheme)' (expected postgres or postgresql)"
        case .missingUser: problem = "no user name (expected postgres://user@host/db)"
        case .missingHost: problem = "no host (give one after '@' or as ?host=/socket/directory)"
        case .missingDatabase: problem = "no database name after the host (expected .../db)"
        case .invalidPort(let text): problem = "port '\(text)' is not a number from 1 to 65535"
        case .invalidParameter(let name, let value): problem = "parameter \(name) cannot be '\(value)'"
        case .unknownParameter(let name): problem = "unknown parameter '\(name)'"
        case .invalidPercentEncoding(let part): problem = "bad percent-encoding in '\(part)'"
        }
        return "invalid PostgreSQL URL \(url): \(problem)"
    }
}

extension PostgresConfiguration {
    /// Parses `postgres://user[:password]@host[:port]/db[?param=value&…]` (or `postgresql://`).
    ///
    /// The host may be a name, an IPv4 address or a bracketed IPv6 address; it may be left out
    /// when a `host=` parameter names the socket directory, as in
    /// `postgres://user@/db?host=/run/postgresql`. Parameters: `host`, `port`, `sslmode`
    /// (libpq's values), `connect_timeout` (seconds) and `application_name`. User, password and
    /// database may be percent-encoded.
    ///
    /// - Throws: ``PostgresURLError`` naming what is wrong.
    public init(url: String) throws(PostgresURLError) {
        func fail(_ reason: PostgresURLError.Reason) -> PostgresURLError {
            PostgresURLError(reason: reason, url: Self.redactingPassword(in: url))
        }
        func decoded(_ part: Substring) throws(PostgresURLError) -> String {
            guard let text = String(part).removingPercentEncoding else {
                throw fail(.invalidPercentEncoding(String(part)))
            }
            return text
        }
        func port(_ text: String) throws(PostgresURLError) -> Int {
            guard let port = Int(text), (1...65535).contains(port) else { throw fail(.invalidPort(text)) }
            return port
        }

        guard let schemeEnd = url.range(of: "://") else { throw fail(.unsupportedScheme("")) }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { throw fail(.unsupportedScheme(scheme)) }
        var rest = url[schemeEnd.upperBound...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash == rest.endIndex ? "" : rest[rest.index(after: slash)...]

        guard let at = authority.lastIndex(of: "@") else { throw fail(.missingUser) }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        let colon = userInfo.firstIndex(of: ":")
        let user = try decoded(userInfo[..<(colon ?? userInfo.endIndex)])
        guard !user.isEmpty else { throw fail(.missingUser) }
        let password = try colon.map { (colon) throws(PostgresURLError) in
            try decoded(userInfo[userInfo.index(after: colon)...])
        }

        var host = ""
        var portNumber = 5432
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail(.missingHost) }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                portNumber = try port(String(after.dropFirst()))
            } else if !after.isEmpty {
                throw fail(.invalidPort(String(after)))
            }
        } else if let portColon = hostPort.lastIndex(of: ":") {
            host = try decoded(hostPort[..<portColon])
            portNumber = try port(String(hostPort[hostPort.index(after: portColon)...]))
        } else {
            host = try decoded(hostPort)
        }

        var configuration = PostgresConfiguration(
            host: host, port: portNumber, user: user, password: password, database: try decoded(path))
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            let name = try decoded(pair[..<equals])
            let value = equals == pair.endIndex ? "" : try decoded(pair[pair.index(after: equals)...])
            switch name {
            case "host": configuration.host = value
            case "port": configuration.port = try port(value)
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw fail(.invalidParameter(name: name, value: value))
                }
                configuration.sslMode = mode
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw fail(.invalidParameter(name: name, value: value))
                }
                configuration.connectTimeout = .seconds(seconds)
            case "application_name": configuration.applicationName = value
            default: throw fail(.unknownParameter(name))
            }
        }
        guard !configuration.host.isEmpty else { throw fail(.missingHost) }
        guard !configuration.database.isEmpty else { throw fail(.missingDatabase) }
        self = configuration
    }

    /// `url` with the password between `user:` and `@` replaced by `***`.
    static func redactingPassword(in url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityEnd = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        let authority = url[schemeEnd.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return url
        }
        return url.replacingCharacters(in: authority.index(after: colon)..<at, with: "***")
    }
}

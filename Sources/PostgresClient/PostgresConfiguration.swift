/// Where and how to connect to a PostgreSQL server: host or socket directory, port, user,
/// password, database, TLS mode and connect timeout.
///
/// Build one with ``init(host:port:user:password:database:sslMode:connectTimeout:)`` or parse a
/// URL with ``init(url:)``. The description never shows the password.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// When to use TLS, with libpq's names and meanings (`sslmode`).
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never use TLS.
        case disable
        /// Try without TLS first, then with it.
        case allow
        /// Try TLS first, then without it (libpq's default).
        case prefer
        /// Use TLS without checking the server's certificate.
        case require
        /// Use TLS and check that the certificate is signed by a trusted CA.
        case verifyCA = "verify-ca"
        /// Use TLS, check the certificate and that it names the host.
        case verifyFull = "verify-full"
    }

    /// The server's host name or IP address, or, when it starts with `/`, the directory holding
    /// the server's Unix domain socket (`.s.PGSQL.<port>`).
    public var host: String
    /// The TCP port, or the number in the socket file's name (5432 unless set).
    public var port: Int
    /// The role to connect as.
    public var user: String
    /// The password, if the server asks for one. Never printed.
    public var password: String?
    /// The database to connect to.
    public var database: String
    /// When to use TLS.
    public var sslMode: SSLMode
    /// How long a connection attempt may take, the TLS handshake and authentication included.
    public var connectTimeout: Duration
    /// The name the server shows for the connection in `pg_stat_activity`.
    public var applicationName: String?

    /// Creates a configuration from its parts.
    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
        sslMode: SSLMode = .prefer, connectTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.connectTimeout = connectTimeout
    }

    /// Whether ``host`` names a Unix domain socket directory rather than a network host.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The server's address as people write it: `host:port`, `[::1]:port`, or the socket's path.
    public var endpoint: String {
        if usesUnixSocket { return "\(host)/.s.PGSQL.\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The configuration as a URL with the password replaced by `***`.
    public var description: String {
        var text = "postgres://\(user)\(password == nil ? "" : ":***")@"
        text += usesUnixSocket ? "/\(database)?host=\(host)&port=\(port)" : "\(endpoint)/\(database)"
        let separator = usesUnixSocket ? "&" : "?"
        text += "\(separator)sslmode=\(sslMode.rawValue)"
        return text
    }

    /// The parts without the password, so that `dump` and debuggers do not show it either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host, "port": port, "user": user, "password": password == nil ? "nil" : "***",
                "database": database, "sslMode": sslMode, "connectTimeout": connectTimeout,
            ], displayStyle: .struct)
    }

    /// The keyword/value pairs for `PQconnectStartParams`.
    var libpqParameters: [(String, String)] {
        var parameters = [
            ("host", host), ("port", String(port)), ("user", user), ("dbname", database),
            ("sslmode", sslMode.rawValue),
        ]
        if let password { parameters.append(("password", password)) }
        if let applicationName { parameters.append(("application_name", applicationName)) }
        return parameters
    }
}

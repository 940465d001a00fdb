import Foundation
import CLibPQ

/// A failure of a PostgreSQL operation, with what a person needs to act on it: the SQLSTATE,
/// the server's message, detail and hint, and for connection failures the host and port.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Hashable {
        /// The connection could not be made (refused, unreachable, authentication, TLS).
        case connect
        /// The connection attempt took longer than the configuration's connect timeout.
        case connectTimeout
        /// The server answered a statement with an error (``PostgresError/sqlState`` says which).
        case server
        /// The connection broke, or was closed, while or before being used.
        case connectionLost
        /// The statement needs something this client does not do (COPY).
        case unsupported
        /// A pool had no connection free within its acquire timeout.
        case poolTimeout
    }

    /// The kind of failure.
    public var kind: Kind
    /// The server's error code, for ``Kind/server`` errors and errors the server sent on
    /// connecting or closing (e.g. 57P01 when it shuts down).
    public var sqlState: SQLState?
    /// The primary message (the server's, or libpq's).
    public var message: String
    /// The server's detail line, if any.
    public var detail: String?
    /// The server's hint, if any.
    public var hint: String?
    /// The host (or socket directory) of the connection, for connection failures.
    public var host: String?
    /// The port of the connection, for connection failures.
    public var port: Int?

    /// Creates an error from its parts.
    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil, hint: String? = nil,
        host: String? = nil, port: Int? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.host = host
        self.port = port
    }

    /// One line (two or three with detail and hint), such as
    /// `could not connect to 127.0.0.1:5999: Connection refused` or
    /// `23505: duplicate key value violates unique constraint "t_pkey"`.
    public var description: String {
        var text: String
        let endpoint = host.map { host in
            host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port ?? 5432)" : "\(host):\(port.map(String.init) ?? "?")"
        }
        switch kind {
        case .connect: text = "could not connect to \(endpoint ?? "server"): \(message)"
        case .connectTimeout: text = "could not connect to \(endpoint ?? "server") within the timeout: \(message)"
        case .connectionLost: text = "connection to \(endpoint ?? "server") lost: \(message)"
        case .server, .unsupported, .poolTimeout: text = message
        }
        if let sqlState { text = "\(sqlState): \(text)" }
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    /// The error a failed result carries (`PGRES_FATAL_ERROR`).
    init(result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        self.init(
            kind: .server, sqlState: field(clibpq_diag_sqlstate).map(SQLState.init(rawValue:)),
            message: field(clibpq_diag_message_primary) ?? Self.trimmed(PQresultErrorMessage(result)),
            detail: field(clibpq_diag_message_detail), hint: field(clibpq_diag_message_hint))
    }

    /// libpq's message without its trailing newline, or `fallback` when there is none.
    static func trimmed(_ message: UnsafePointer<CChar>?, fallback: String = "unknown error") -> String {
        guard let message else { return fallback }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : text
    }

    /// The reason in libpq's connection failure message, without the `connection to server at
    /// "h", port p failed:` prefix that ``description`` replaces with the endpoint; the second
    /// line (libpq's tab-indented advice) becomes the hint.
    static func connectFailure(_ message: String, kind: Kind, configuration: PostgresConfiguration) -> PostgresError {
        var lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var reason = lines.first ?? "unknown error"
        if let failed = reason.range(of: " failed: ") { reason = String(reason[failed.upperBound...]) }
        lines = Array(lines.dropFirst())
        var sqlState: SQLState?
        if reason.hasPrefix("FATAL:") { reason = reason.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        if reason.contains("password authentication failed") { sqlState = SQLState(rawValue: "28P01") }
        return PostgresError(
            kind: kind, sqlState: sqlState, message: reason, hint: lines.isEmpty ? nil : lines.joined(separator: " "),
            host: configuration.host, port: configuration.port)
    }
}

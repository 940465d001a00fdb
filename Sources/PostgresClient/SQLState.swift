/// A PostgreSQL error code (SQLSTATE): five characters, the first two naming the class.
///
/// Compare against the named codes rather than strings: `error.sqlState == .uniqueViolation`.
public struct SQLState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The five-character code, such as `23505`.
    public let rawValue: String

    /// Wraps a five-character code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The class: the first two characters (`23` is "integrity constraint violation").
    public var errorClass: Substring { rawValue.prefix(2) }

    /// The code itself.
    public var description: String { rawValue }

    /// 23505: a unique index or primary key already has the value.
    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// 23503: a foreign key points at nothing.
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    /// 23502: NULL in a NOT NULL column.
    public static let notNullViolation = SQLState(rawValue: "23502")
    /// 23514: a CHECK constraint failed.
    public static let checkViolation = SQLState(rawValue: "23514")
    /// 42601: the SQL does not parse.
    public static let syntaxError = SQLState(rawValue: "42601")
    /// 42P01: the table does not exist.
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// 40001: a serializable transaction must be retried.
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// 40P01: the transaction was chosen as a deadlock victim and must be retried.
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    /// 55P03: `NOWAIT` found the row locked.
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    /// 57014: the statement was canceled (statement_timeout or a cancel request).
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// 57P01: the server is shutting down and ended the session.
    public static let adminShutdown = SQLState(rawValue: "57P01")
    /// 25P02: a statement was sent inside a transaction that an earlier error aborted.
    public static let inFailedTransaction = SQLState(rawValue: "25P02")
}

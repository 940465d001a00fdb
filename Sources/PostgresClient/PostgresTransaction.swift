import CLibPQ

/// The statements of one transaction, inside ``PostgresConnection/transaction(_:)``.
///
/// Not `Sendable`: a transaction's statements run one after another in the task that opened it,
/// which holds the connection until the transaction ends. Using it after the closure returned
/// throws.
public final class PostgresTransaction {
    private let connection: PostgresConnection
    fileprivate var isActive = true

    fileprivate init(connection: PostgresConnection) { self.connection = connection }

    /// Runs `sql` with `parameters` inside the transaction (`SELECT … FOR UPDATE SKIP LOCKED`
    /// included) and returns its rows.
    ///
    /// - Throws: ``PostgresError`` as ``PostgresConnection/query(_:_:)-(String,_)`` does, and of
    ///   kind ``PostgresError/Kind/connectionLost`` when used after the transaction ended.
    @discardableResult
    nonisolated(nonsending) public func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws
        -> PostgresRows
    {
        try ensureActive()
        return try await connection.execute(sql, parameters)
    }

    /// Runs a prepared statement inside the transaction (prepared on first use per connection).
    ///
    /// - Throws: ``PostgresError`` as ``query(_:_:)-(String,_)`` does.
    @discardableResult
    nonisolated(nonsending) public func query(_ statement: PostgresStatement, _ parameters: [PostgresValue] = [])
        async throws -> PostgresRows
    {
        try ensureActive()
        return try await connection.execute(statement, parameters)
    }

    private func ensureActive() throws(PostgresError) {
        guard isActive else {
            throw PostgresError(kind: .connectionLost, message: "the transaction has already ended")
        }
    }
}

extension PostgresConnection {
    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when `body` returns, or `ROLLBACK`
    /// when it throws (its error is rethrown). The connection serves nothing else meanwhile.
    ///
    /// When a statement failed inside `body` and `body` caught the error, the server has aborted
    /// the transaction: it is rolled back and this throws SQLSTATE 25P02 rather than pretending
    /// to commit.
    ///
    /// - Throws: what `body` throws; ``PostgresError`` when `BEGIN` or `COMMIT` fails (such as
    ///   40001 for a serializable transaction that must be retried) or the connection is lost.
    nonisolated(nonsending) public func transaction<T>(
        _ body: nonisolated(nonsending) (PostgresTransaction) async throws -> T
    ) async throws -> T {
        await access.acquire()
        defer { access.release() }
        try await execute("BEGIN", [])
        let transaction = PostgresTransaction(connection: self)
        defer { transaction.isActive = false }
        let value: T
        do {
            value = try await body(transaction)
        } catch {
            await rollBack()
            throw error
        }
        if transactionStatus == PQTRANS_INERROR {
            await rollBack()
            throw PostgresError(
                kind: .server, sqlState: .inFailedTransaction,
                message: "a statement of the transaction failed, so it was rolled back instead of committed")
        }
        try await execute("COMMIT", [])
        return value
    }

    /// `ROLLBACK`, the caller holding `access`; a connection that cannot roll back is closed,
    /// so that it never goes back to a pool inside a transaction.
    private func rollBack() async {
        do {
            try await execute("ROLLBACK", [])
        } catch {
            markClosed()
        }
    }
}

import CLibPQ

extension PostgresConnection {
    /// Runs `statements` in libpq's pipeline mode: all are sent at once, followed by one sync,
    /// and their results read back in order; one round trip instead of one per statement.
    ///
    /// Statements of a pipeline run in one implicit transaction (unless they contain their
    /// own `BEGIN`/`COMMIT`): when one fails, the server skips the rest and rolls back the
    /// earlier ones, and this throws the failure.
    ///
    /// - Returns: The rows of each statement, in order.
    /// - Throws: ``PostgresError`` of the first failed statement, or of kind
    ///   ``PostgresError/Kind/connectionLost``.
    @discardableResult
    public func pipeline(_ statements: [(sql: String, parameters: [PostgresValue])]) async throws -> [PostgresRows] {
        await access.acquire()
        defer { access.release() }
        try ensureOpen()
        guard PQenterPipelineMode(handle) == 1 else { throw lostConnection() }
        for statement in statements {
            let sent = CStringArray(statement.parameters.map(\.textFormat)).withPointers { values in
                PQsendQueryParams(
                    handle, statement.sql, Int32(statement.parameters.count), statement.parameters.map(\.typeOID),
                    values, nil, nil, 0)
            }
            // A send fails only on a broken connection, whose pipeline cannot be recovered.
            guard sent == 1 else { throw giveUp(lostConnection()) }
        }
        guard PQpipelineSync(handle) == 1 else { throw giveUp(lostConnection()) }
        do {
            try await flushOutput()
            var results: [PostgresRows] = []
            var failure: PostgresError?
            for _ in statements {
                var rows = PostgresRows()
                // Each statement's results end with NULL; skipped ones are PGRES_PIPELINE_ABORTED.
                while true {
                    try await readUntilResultReady()
                    guard let result = PQgetResult(handle) else { break }
                    defer { PQclear(result) }
                    switch PQresultStatus(result) {
                    case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: rows = PostgresRows(result: result)
                    case PGRES_FATAL_ERROR: failure = failure ?? PostgresError(result: result)
                    case PGRES_PIPELINE_ABORTED: break
                    default:
                        throw giveUp(PostgresError(kind: .unsupported, message: "unexpected result in a pipeline"))
                    }
                }
                results.append(rows)
            }
            try await readUntilResultReady()
            if let sync = PQgetResult(handle) {
                let status = PQresultStatus(sync)
                PQclear(sync)
                guard status == PGRES_PIPELINE_SYNC else {
                    throw giveUp(PostgresError(kind: .unsupported, message: "the pipeline did not end with its sync"))
                }
            }
            PQexitPipelineMode(handle)
            if let failure { throw failure }
            return results
        } catch let error as PostgresError where error.kind == .server {
            throw error
        } catch {
            throw giveUp(error)
        }
    }

    /// Marks the connection unusable (its pipeline is in an unknown state) and returns `error`.
    private func giveUp(_ error: any Error) -> any Error {
        markClosed()
        return error
    }
}

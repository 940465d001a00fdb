import CLibPQ

extension PostgresConnection {
    /// Flushes the statement just queued and reads its results, the caller holding `access`.
    ///
    /// Follows libpq's asynchronous recipe: `PQflush` until everything is sent, reading input
    /// whenever the socket is readable meanwhile (the server may be answering already); then
    /// `PQconsumeInput` on every readable wake-up until `PQisBusy` says a result is complete,
    /// and `PQgetResult` until it returns NULL. The first error result wins; otherwise the last
    /// result's rows are returned.
    func finishStatement() async throws -> PostgresRows {
        try await flushOutput()
        var rows: PostgresRows?
        var failure: PostgresError?
        while true {
            try await readUntilResultReady()
            guard let result = PQgetResult(handle) else { break }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                rows = PostgresRows(result: result)
            case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                // Leaving COPY mode cleanly needs a COPY protocol; the connection is given up.
                failure = failure ?? PostgresError(kind: .unsupported, message: "COPY is not supported by this client")
                markClosed()
                throw failure!
            default:
                failure = failure ?? PostgresError(result: result)
            }
        }
        // A shutdown or crash of the server ends the session even before libpq sees the socket close.
        if PQstatus(handle) == CONNECTION_BAD || failure?.sqlState.map(Self.sessionEndingStates.contains) == true {
            markClosed()
        }
        if let failure { throw failure }
        return rows ?? PostgresRows()
    }

    /// SQLSTATEs after which the server closes the session: admin shutdown, crash shutdown,
    /// cannot connect now.
    static let sessionEndingStates: Set<SQLState> = [
        .adminShutdown, SQLState(rawValue: "57P02"), SQLState(rawValue: "57P03"),
    ]

    /// Reads input whenever the socket is readable until `PQgetResult` would not block.
    func readUntilResultReady() async throws {
        while PQisBusy(handle) != 0 {
            _ = try await waitForSocket(.readable)
            guard PQconsumeInput(handle) == 1 else { throw lostConnection() }
        }
    }

    /// Sends what libpq has queued, waiting for the socket to drain when the kernel buffer is full.
    func flushOutput() async throws {
        while true {
            switch PQflush(handle) {
            case 0: return
            case 1:
                let ready = try await waitForSocket([.readable, .writable])
                if ready.contains(.readable) {
                    guard PQconsumeInput(handle) == 1 else { throw lostConnection() }
                }
            default: throw lostConnection()
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CLibPQ
import Foundation
import Synchronization

/// One connection to a PostgreSQL server, on libpq's non-blocking API.
///
/// Nothing blocks a thread: connecting is driven by `PQconnectPoll`, statements are sent with
/// `PQsendQueryParams` and flushed with `PQflush`, results are read with `PQconsumeInput`,
/// `PQisBusy` and `PQgetResult`, and every wait for the socket happens on the process's
/// `postgres-io` thread while the task is suspended.
///
/// The connection serves one statement at a time, in the order they are asked for; a
/// ``transaction(_:)`` or a wait for ``notifications()`` holds it until it ends. Statements
/// run to their end once sent (task cancellation does not interrupt them). Notices (server
/// warnings such as `NOTICE: relation already exists`) are dropped.
public final class PostgresConnection: @unchecked Sendable {
    // Safe because: `handle` is used only by the task holding `access` (whose Mutex orders
    // memory between holders), or by deinit when no one else can; the rest is a Mutex or atomic.
    /// Where the connection goes.
    public let configuration: PostgresConfiguration
    /// The connection's `PGconn *`.
    let handle: OpaquePointer
    /// Serialises the use of `handle` among tasks.
    let access = ExclusiveAccess()
    /// Set once the connection broke or was closed; it is never used again then.
    private let closed = Atomic<Bool>(false)
    /// The names of this connection's prepared statements by SQL text, and whether `handle` was
    /// freed. Touched only while holding `access` (and in deinit).
    private let session = Mutex(Session())

    struct Session {
        var preparedNames: [String: String] = [:]
        var finished = false
    }

    private init(configuration: PostgresConfiguration, handle: OpaquePointer) {
        self.configuration = configuration
        self.handle = handle
    }

    deinit {
        if !session.withLock({ $0.finished }) { PQfinish(handle) }
    }

    /// Whether the connection broke or was closed (a broken one is detected when it is next used).
    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Connects, within the configuration's connect timeout.
    ///
    /// - Throws: ``PostgresError`` of kind ``PostgresError/Kind/connect`` (refused, unreachable,
    ///   authentication or TLS failure, naming the host and port) or
    ///   ``PostgresError/Kind/connectTimeout``; `CancellationError` when the task is cancelled.
    public static func connect(_ configuration: PostgresConfiguration) async throws -> PostgresConnection {
        let deadline = ContinuousClock.now.advanced(by: configuration.connectTimeout)
        let handle = try await ConnectionStart.start(configuration)
        do {
            try await ConnectionStart.poll(handle, configuration: configuration, deadline: deadline)
        } catch {
            PQfinish(handle)
            throw error
        }
        PQsetnonblocking(handle, 1)
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return PostgresConnection(configuration: configuration, handle: handle)
    }

    /// Runs `sql` with `parameters` (`$1`, `$2`, …) and returns its rows.
    ///
    /// One statement per call (the extended protocol): separate several with several calls or
    /// put them in a ``transaction(_:)``.
    ///
    /// - Throws: ``PostgresError``: ``PostgresError/Kind/server`` with the SQLSTATE when the
    ///   server refuses the statement, ``PostgresError/Kind/connectionLost`` when the
    ///   connection breaks or was closed.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> PostgresRows {
        await access.acquire()
        defer { access.release() }
        return try await execute(sql, parameters)
    }

    /// Runs a prepared statement, preparing it on this connection the first time (the
    /// preparation is cached per connection, by SQL text).
    ///
    /// - Throws: ``PostgresError`` as ``query(_:_:)-(String,_)`` does.
    @discardableResult
    public func query(_ statement: PostgresStatement, _ parameters: [PostgresValue] = []) async throws -> PostgresRows {
        await access.acquire()
        defer { access.release() }
        return try await execute(statement, parameters)
    }

    /// Closes the connection (after the statement or transaction using it ends). Idempotent.
    public func close() async {
        await access.acquire()
        defer { access.release() }
        closed.store(true, ordering: .releasing)
        let finish = session.withLock { session in
            defer { session.finished = true }
            return !session.finished
        }
        if finish { PQfinish(handle) }
    }

    /// Whether the connection can serve another caller: open, outside a transaction, and not
    /// closed by the server while it sat idle (what the server sent meanwhile, such as the
    /// FATAL of a shutdown and the end of the stream, is read without blocking first).
    func isReusable() async -> Bool {
        await access.acquire()
        defer { access.release() }
        if isClosed { return false }
        for _ in 0..<8 {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { break }
            if poll(&descriptor, 1, 0) <= 0 { break }
            if PQconsumeInput(handle) != 1 { break }
        }
        guard PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else {
            markClosed()
            return false
        }
        return true
    }

    // MARK: Used while holding `access`

    /// Marks the connection unusable.
    func markClosed() { closed.store(true, ordering: .releasing) }

    /// Runs `sql` unprepared. The caller holds `access`.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresValue]) async throws -> PostgresRows {
        try ensureOpen()
        let sent = CStringArray(parameters.map(\.textFormat)).withPointers { values in
            let types = parameters.map(\.typeOID)
            return PQsendQueryParams(handle, sql, Int32(parameters.count), types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw lostConnection() }
        return try await finishStatement()
    }

    /// Runs `statement`, preparing it first if this connection has not yet. The caller holds `access`.
    @discardableResult
    func execute(_ statement: PostgresStatement, _ parameters: [PostgresValue]) async throws -> PostgresRows {
        try ensureOpen()
        let name: String
        if let known = session.withLock({ $0.preparedNames[statement.sql] }) {
            name = known
        } else {
            name = session.withLock { "s\($0.preparedNames.count + 1)" }
            guard PQsendPrepare(handle, name, statement.sql, 0, nil) == 1 else { throw lostConnection() }
            _ = try await finishStatement()
            session.withLock { $0.preparedNames[statement.sql] = name }
        }
        let sent = CStringArray(parameters.map(\.textFormat)).withPointers { values in
            PQsendQueryPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        guard sent == 1 else { throw lostConnection() }
        return try await finishStatement()
    }

    /// Whether the server sees the connection inside a transaction block (`PQtransactionStatus`).
    var transactionStatus: PGTransactionStatusType { PQtransactionStatus(handle) }

    /// Throws if the connection broke or was closed.
    func ensureOpen() throws(PostgresError) {
        if isClosed {
            throw PostgresError(
                kind: .connectionLost, message: "the connection is closed", host: configuration.host,
                port: configuration.port)
        }
    }

    /// The error for a connection that libpq says is broken (or a send that failed), marking it
    /// closed when libpq's status is `CONNECTION_BAD`.
    func lostConnection() -> PostgresError {
        if PQstatus(handle) == CONNECTION_BAD { markClosed() }
        let text = PostgresError.trimmed(PQerrorMessage(handle), fallback: "the connection broke")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return PostgresError(
            kind: .connectionLost, message: lines.first ?? text,
            hint: lines.count > 1 ? lines.dropFirst().joined(separator: " ") : nil,
            host: configuration.host, port: configuration.port)
    }

    /// Waits for the socket, for `interest`.
    func waitForSocket(_ interest: Readiness, cancellable: Bool = false) async throws -> Readiness {
        let fd = PQsocket(handle)
        guard fd >= 0 else { throw lostConnection() }
        return try await SocketReadiness.shared.wait(for: interest, on: fd, cancellable: cancellable)
    }
}

/// A statement prepared once per connection (`PQsendPrepare`) and then run by name, which saves
/// the server parsing and planning it again: for statements run often.
public struct PostgresStatement: Sendable, Hashable {
    /// The statement's SQL, with `$1`, `$2`, … for parameters.
    public let sql: String

    /// A statement with `sql`.
    public init(_ sql: String) { self.sql = sql }
}

/// C strings for libpq's parameter arrays, owned until the array is dropped.
struct CStringArray: ~Copyable {
    private let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String?]) { pointers = strings.map { $0.map { strdup($0) } ?? nil } }

    deinit { for pointer in pointers { free(pointer) } }

    /// Calls `body` with the pointers (NULL for `nil`) as libpq's `const char * const *`.
    func withPointers<T>(_ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        body(pointers.map { $0.map { UnsafePointer($0) } })
    }
}

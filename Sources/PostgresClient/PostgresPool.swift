/// A small pool of connections to one server: at most ``maxConnections`` open, callers beyond
/// that queued in order, idle connections checked before reuse, broken ones discarded and
/// replaced, and connection attempts after failures spaced out (exponential backoff).
///
/// ```swift
/// let pool = PostgresPool(configuration: try PostgresConfiguration(url: url), maxConnections: 4)
/// let count = try await pool.withConnection { connection in
///     try await connection.query("SELECT count(*) AS n FROM schedules")[0].decode("n", as: Int64.self)
/// }
/// ```
public actor PostgresPool {
    /// Where the connections go.
    public nonisolated let configuration: PostgresConfiguration
    /// The most connections open at once.
    public nonisolated let maxConnections: Int
    /// How long ``withConnection(_:)`` waits for a connection (a free one, or a new one while
    /// the server is unreachable) before giving up.
    public nonisolated let acquireTimeout: Duration

    /// What a queued caller is given: a connection, or the right to open one.
    private enum Grant {
        case connection(PostgresConnection)
        case openSlot
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, any Error>
    }

    private var idle: [PostgresConnection] = []
    /// Connections open or being opened (the slots taken).
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var consecutiveFailures = 0
    private var nextAttempt = ContinuousClock.now
    private var isClosed = false

    /// The first wait after a failed attempt; it doubles with each failure up to `maximumBackoff`.
    static let initialBackoff = Duration.milliseconds(50)
    /// The longest wait between attempts.
    static let maximumBackoff = Duration.seconds(2)

    /// Creates a pool; connections are opened when first needed.
    public init(configuration: PostgresConfiguration, maxConnections: Int = 4, acquireTimeout: Duration = .seconds(10))
    {
        self.configuration = configuration
        self.maxConnections = max(1, maxConnections)
        self.acquireTimeout = acquireTimeout
    }

    /// Runs `body` with a connection of the pool, which nobody else uses until `body` returns.
    ///
    /// A connection that broke meanwhile is discarded when given back; the next caller gets a
    /// new one.
    ///
    /// - Throws: what `body` throws; ``PostgresError`` of kind ``PostgresError/Kind/poolTimeout``
    ///   when no connection was free within ``acquireTimeout``, or the last connection error
    ///   (``PostgresError/Kind/connect``) when the server stayed unreachable that long;
    ///   `CancellationError` when the task is cancelled while waiting.
    nonisolated(nonsending) public func withConnection<T>(
        _ body: nonisolated(nonsending) (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await checkOut()
        do {
            let value = try await body(connection)
            await checkIn(connection)
            return value
        } catch {
            await checkIn(connection)
            throw error
        }
    }

    /// Closes the idle connections, and the others when they are given back; later
    /// ``withConnection(_:)`` calls throw.
    public func close() async {
        isClosed = true
        let closing = idle
        idle.removeAll()
        openCount -= closing.count
        for waiter in waiters { waiter.continuation.resume(throwing: closedError()) }
        waiters.removeAll()
        for connection in closing { await connection.close() }
    }

    /// Connections open now, idle or in use (for tests and metrics).
    public var openConnections: Int { openCount }

    // MARK: Checking out and in

    private func checkOut() async throws -> PostgresConnection {
        let deadline = ContinuousClock.now.advanced(by: acquireTimeout)
        while true {
            if isClosed { throw closedError() }
            if let connection = idle.popLast() {
                if await connection.isReusable() { return connection }
                openCount -= 1
                await connection.close()
                continue
            }
            if openCount < maxConnections {
                openCount += 1
                return try await openConnection(until: deadline)
            }
            switch try await waitForGrant(until: deadline) {
            case .connection(let connection): return connection
            case .openSlot: return try await openConnection(until: deadline)
            }
        }
    }

    private func checkIn(_ connection: PostgresConnection) async {
        if isClosed, !connection.isClosed {
            await connection.close()
        }
        let reusable = await connection.isReusable()
        if isClosed || !reusable {
            openCount -= 1
            await connection.close()
            handOverSlot()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: .connection(connection))
        } else {
            idle.append(connection)
        }
    }

    /// Gives a freed slot to the longest waiter, who opens a connection in it.
    private func handOverSlot() {
        guard !waiters.isEmpty, openCount < maxConnections else { return }
        openCount += 1
        waiters.removeFirst().continuation.resume(returning: .openSlot)
    }

    /// Opens a connection in a slot already counted, retrying with backoff until `deadline`;
    /// gives the slot up when it fails.
    private func openConnection(until deadline: ContinuousClock.Instant) async throws -> PostgresConnection {
        while true {
            do {
                if nextAttempt > ContinuousClock.now {
                    guard nextAttempt < deadline else { throw lastFailure ?? timeoutError() }
                    try await Task.sleep(until: nextAttempt)
                }
                let connection = try await PostgresConnection.connect(configuration)
                consecutiveFailures = 0
                lastFailure = nil
                return connection
            } catch let error as PostgresError where error.kind == .connect || error.kind == .connectTimeout {
                consecutiveFailures += 1
                lastFailure = error
                let backoff = min(Self.initialBackoff * (1 << min(consecutiveFailures - 1, 10)), Self.maximumBackoff)
                nextAttempt = ContinuousClock.now.advanced(by: backoff)
                if nextAttempt >= deadline {
                    giveUpSlot()
                    throw error
                }
            } catch {
                giveUpSlot()
                throw error
            }
        }
    }

    /// The last connection failure, reported when the server stays unreachable.
    private var lastFailure: PostgresError?

    private func giveUpSlot() {
        openCount -= 1
        handOverSlot()
    }

    /// Queues the caller until a connection or a slot is handed over, `deadline` passes, or the
    /// task is cancelled.
    private func waitForGrant(until deadline: ContinuousClock.Instant) async throws -> Grant {
        nextWaiterID += 1
        let id = nextWaiterID
        let timer = Task { [weak self] in
            try await Task.sleep(until: deadline)
            await self?.expireWaiter(id, with: nil)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled { return continuation.resume(throwing: CancellationError()) }
                waiters.append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.expireWaiter(id, with: CancellationError()) }
        }
    }

    /// Removes waiter `id`, if still queued, failing it with `error` (a pool timeout if `nil`).
    private func expireWaiter(_ id: UInt64, with error: (any Error)?) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: error ?? timeoutError())
    }

    private func timeoutError() -> PostgresError {
        PostgresError(
            kind: .poolTimeout,
            message: "no connection free within \(acquireTimeout) (\(openCount) of \(maxConnections) in use)",
            host: configuration.host, port: configuration.port)
    }

    private func closedError() -> PostgresError {
        PostgresError(
            kind: .connectionLost, message: "the pool is closed", host: configuration.host, port: configuration.port)
    }
}

import Foundation
import PostgresClient
import ProtocSupport
import Synchronization
import Testing

@Suite("PostgreSQL connections against a real server", .temporaryPostgres)
struct PostgresConnectionTests {
    @Test("connects over TCP and runs a simple query")
    func simpleQuery() async throws {
        let connection = try await connectToCluster()
        let rows = try await connection.query("SELECT 1 + 1 AS two, current_user AS who")
        #expect(rows.count == 1)
        #expect(try rows[0].decode("two", as: Int64.self) == 2)
        #expect(try rows[0].decode("who", as: String.self) == TemporaryPostgres.user)
        #expect(rows.commandTag == "SELECT 1")
        await connection.close()
        #expect(connection.isClosed)
    }

    @Test("connects through the Unix domain socket in the cluster's directory")
    func unixSocket() async throws {
        let cluster = try #require(TemporaryPostgres.current)
        let connection = try await PostgresConnection.connect(try PostgresConfiguration(url: cluster.socketURL))
        let rows = try await connection.query("SELECT inet_server_addr() IS NULL AS local")
        #expect(try rows[0].decode("local", as: Bool.self))
    }

    @Test("a host name is resolved off the pool and each of its addresses is tried (localhost: ::1, then 127.0.0.1)")
    func hostName() async throws {
        var configuration = try clusterConfiguration()
        configuration.host = "localhost"
        let connection = try await PostgresConnection.connect(configuration)
        #expect(try await connection.query("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
    }

    @Test("a server that accepts but never answers fails after the connect timeout, not later")
    func connectTimeout() async throws {
        let (descriptor, port) = try bindLoopbackPort(listening: true)
        defer { close(descriptor) }
        var configuration = try PostgresConfiguration(url: "postgres://u@127.0.0.1:\(port)/db?connect_timeout=1")
        configuration.connectTimeout = .milliseconds(300)
        let start = ContinuousClock.now
        let error = await postgresError { try await PostgresConnection.connect(configuration) }
        let elapsed = ContinuousClock.now - start
        #expect(error?.kind == .connectTimeout)
        #expect(error?.description.hasPrefix("could not connect to 127.0.0.1:\(port) within the timeout") == true)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("parameters of each type round-trip, NULL and bytea included")
    func parameterTypes() async throws {
        let connection = try await connectToCluster()
        try await connection.query(
            """
            CREATE TABLE typed (t text, i bigint, small int, b boolean, d double precision, bytes bytea, nothing text)
            """)
        let payload = Data([0, 1, 0x7f, 0x80, 0xfe, 0xff] + Array("héllo".utf8))
        let inserted = try await connection.query(
            "INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7)",
            ["it's \"quoted\" ünïcode", .int(Int64.min), 42, true, 2.5, .bytes(payload), nil])
        #expect(inserted.affectedRows == 1)
        let row = try await connection.query("SELECT * FROM typed")[0]
        #expect(try row.decode("t", as: String.self) == "it's \"quoted\" ünïcode")
        #expect(try row.decode("i", as: Int64.self) == Int64.min)
        #expect(try row.decode("small", as: Int32.self) == 42)
        #expect(try row.decode("b", as: Bool.self) == true)
        #expect(try row.decode("d", as: Double.self) == 2.5)
        #expect(try row.decode("bytes", as: Data.self) == payload)
        #expect(try row.decode("nothing", as: String?.self) == nil)
        #expect(row["nothing"] == nil)
        #expect(throws: PostgresDecodingError.self) { try row.decode("nothing", as: String.self) }
        #expect(throws: PostgresDecodingError.self) { try row.decode("missing", as: String.self) }
        #expect(throws: PostgresDecodingError.self) { try row.decode("t", as: Int64.self) }
        let filtered = try await connection.query(
            "SELECT count(*) AS n FROM typed WHERE small = $1 AND b = $2 AND bytes = $3",
            [.int(42), .bool(true), .bytes(payload)])
        #expect(try filtered[0].decode("n", as: Int.self) == 1)
    }

    @Test("a syntax error carries SQLSTATE 42601 and the server's message; the connection stays usable")
    func syntaxError() async throws {
        let connection = try await connectToCluster()
        let error = await postgresError { try await connection.query("SELEC 1") }
        #expect(error?.kind == .server)
        #expect(error?.sqlState == .syntaxError)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.description.hasPrefix("42601: ") == true)
        #expect(try await connection.query("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
    }

    @Test("a duplicate key carries SQLSTATE 23505 with the server's detail")
    func uniqueViolation() async throws {
        let connection = try await connectToCluster()
        try await connection.query("CREATE TABLE uniq (id text PRIMARY KEY)")
        try await connection.query("INSERT INTO uniq VALUES ($1)", ["a"])
        let error = await postgresError { try await connection.query("INSERT INTO uniq VALUES ($1)", ["a"]) }
        #expect(error?.sqlState == .uniqueViolation)
        #expect(error?.detail == "Key (id)=(a) already exists.")
    }

    @Test("prepared statements are prepared once per connection and reused")
    func preparedStatements() async throws {
        let connection = try await connectToCluster()
        let statement = PostgresStatement("SELECT $1::int8 * 2 AS doubled")
        for value in [1, 2, 3] as [Int64] {
            #expect(
                try await connection.query(statement, [.int(value)])[0].decode("doubled", as: Int64.self) == value * 2)
        }
        let prepared = try await connection.query("SELECT count(*) AS n FROM pg_prepared_statements")
        #expect(try prepared[0].decode("n", as: Int.self) == 1)
    }

    @Test("a pipeline returns each statement's rows in order; a failure rolls the whole pipeline back")
    func pipeline() async throws {
        let connection = try await connectToCluster()
        try await connection.query("CREATE TABLE piped (id int PRIMARY KEY)")
        let results = try await connection.pipeline([
            ("INSERT INTO piped VALUES ($1)", [1]), ("INSERT INTO piped VALUES ($1)", [2]),
            ("SELECT count(*) AS n FROM piped", []),
        ])
        #expect(results.map(\.commandTag) == ["INSERT 0 1", "INSERT 0 1", "SELECT 1"])
        #expect(try results[2][0].decode("n", as: Int.self) == 2)
        let error = await postgresError {
            try await connection.pipeline([
                ("INSERT INTO piped VALUES ($1)", [3]), ("INSERT INTO piped VALUES ($1)", [1]),
                ("INSERT INTO piped VALUES ($1)", [4]),
            ])
        }
        #expect(error?.sqlState == .uniqueViolation)
        #expect(!connection.isClosed)
        let ids = try await connection.query("SELECT id FROM piped ORDER BY id").map {
            try $0.decode("id", as: Int.self)
        }
        #expect(ids == [1, 2])
    }

    @Test("a transaction commits when its body returns and rolls back when it throws")
    func transactionRollback() async throws {
        struct Abort: Error {}
        let connection = try await connectToCluster()
        try await connection.query("CREATE TABLE ledger (entry text)")
        try await connection.transaction { tx in _ = try await tx.query("INSERT INTO ledger VALUES ('kept')") }
        await #expect(throws: Abort.self) {
            try await connection.transaction { tx in
                try await tx.query("INSERT INTO ledger VALUES ('dropped')")
                throw Abort()
            }
        }
        let afterCaughtFailure = await postgresError {
            try await connection.transaction { tx in
                try await tx.query("INSERT INTO ledger VALUES ('dropped too')")
                _ = try? await tx.query("SELECT 1/0")
            }
        }
        #expect(afterCaughtFailure?.sqlState == .inFailedTransaction)
        let rows = try await connection.query("SELECT entry FROM ledger")
        #expect(try rows.map { try $0.decode("entry", as: String.self) } == ["kept"])
    }

    @Test("two connections racing SELECT … FOR UPDATE SKIP LOCKED never claim the same row")
    func skipLocked() async throws {
        let setup = try await connectToCluster()
        try await setup.query("CREATE TABLE jobs (id int PRIMARY KEY, claimed_by text, claims int NOT NULL DEFAULT 0)")
        try await setup.query("INSERT INTO jobs (id) SELECT generate_series(1, 40)")
        let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in ["w1", "w2"] {
                group.addTask {
                    let connection = try await connectToCluster()
                    var mine: [Int] = []
                    while true {
                        let id: Int? = try await connection.transaction { tx in
                            let rows = try await tx.query(
                                "SELECT id FROM jobs WHERE claimed_by IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
                            )
                            guard let row = rows.first else { return nil }
                            let id = try row.decode("id", as: Int.self)
                            try await tx.query("SELECT pg_sleep(0.002)")
                            try await tx.query(
                                "UPDATE jobs SET claimed_by = $1, claims = claims + 1 WHERE id = $2",
                                [.text(worker), .int(Int64(id))])
                            return id
                        }
                        guard let id else { return mine }
                        mine.append(id)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = claimed.flatMap { $0 }
        #expect(all.count == 40)
        #expect(Set(all).count == 40)
        #expect(claimed.allSatisfy { !$0.isEmpty }, "both workers should have claimed rows")
        let twice = try await setup.query("SELECT count(*) AS n FROM jobs WHERE claims <> 1")
        #expect(try twice[0].decode("n", as: Int.self) == 0)
    }

    @Test("the pool never opens more than its maximum under concurrent load, and everyone is served")
    func poolMaximum() async throws {
        let pool = PostgresPool(configuration: try clusterConfiguration(applicationName: "pool-max"), maxConnections: 3)
        let inUse = PeakCounter()
        let serverPeak = PeakCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withConnection { connection in
                        inUse.change(by: 1)
                        let rows = try await connection.query(
                            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'pool-max'")
                        let onServer = try rows[0].decode("n", as: Int.self)
                        serverPeak.record(onServer)
                        try await connection.query("SELECT pg_sleep(0.05)")
                        inUse.change(by: -1)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inUse.peak == 3)
        #expect(serverPeak.peak <= 3)
        #expect(await pool.openConnections == 3)
        await pool.close()
        #expect(await pool.openConnections == 0)
    }

    @Test("LISTEN/NOTIFY delivers notifications as an async sequence; cancelling the listener ends it")
    func listenNotify() async throws {
        let listener = try await connectToCluster()
        try await listener.listen("outbox")
        let sender = try await connectToCluster()
        let received = Task {
            var payloads: [String] = []
            for try await notification in listener.notifications() {
                #expect(notification.channel == "outbox")
                payloads.append(notification.payload)
                if payloads.count == 2 { break }
            }
            return payloads
        }
        try await sender.notify("outbox", payload: "row 1")
        try await sender.transaction { tx in _ = try await tx.query("NOTIFY outbox, 'row 2'") }
        #expect(try await received.value == ["row 1", "row 2"])

        let cancelled = Task { () -> Int in
            var count = 0
            for try await _ in listener.notifications() { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        #expect(try await cancelled.value == 0)
        try await listener.query("SELECT 1") // The connection is free again.
    }

    @Test("connecting to a closed port fails at once, naming host and port")
    func closedPort() async throws {
        let port = try TemporaryPostgres.freePort()
        let start = ContinuousClock.now
        let error = await postgresError {
            try await PostgresConnection.connect(try PostgresConfiguration(url: "postgres://u@127.0.0.1:\(port)/db"))
        }
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(error?.kind == .connect)
        #expect(error?.host == "127.0.0.1")
        #expect(error?.port == port)
        #expect(error?.description.hasPrefix("could not connect to 127.0.0.1:\(port): Connection refused") == true)
    }

    @Test("queries waiting on the server hold no thread: two pg_sleep(1) run while other async work proceeds")
    func cooperativePoolNotBlocked() async throws {
        let first = try await connectToCluster()
        let second = try await connectToCluster()
        let start = ContinuousClock.now
        async let sleepOne = first.query("SELECT pg_sleep(1)")
        async let sleepTwo = second.query("SELECT pg_sleep(1)")
        // Work that needs the cooperative pool's threads (two on two cores) while both wait.
        let workDone = await withTaskGroup(of: ContinuousClock.Instant.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var value: UInt64 = 1
                    for round in 0..<200 {
                        for step in 0..<1000 { value = value &* 6364136223846793005 &+ UInt64(step + round) }
                        await Task.yield()
                    }
                    _ = value
                    return ContinuousClock.now
                }
            }
            return await group.reduce(start) { max($0, $1) }
        }
        _ = try await (sleepOne, sleepTwo)
        let elapsed = ContinuousClock.now - start
        #expect(workDone - start < .milliseconds(700), "other work finished only after \(workDone - start)")
        #expect(elapsed >= .seconds(1))
        #expect(elapsed < .milliseconds(1800), "the two sleeps did not overlap: \(elapsed)")
    }
}

/// The highest of a value changed or recorded from several tasks.
private final class PeakCounter: Sendable {
    private let state = Mutex((now: 0, peak: 0))

    var peak: Int { state.withLock { $0.peak } }

    func change(by delta: Int) {
        state.withLock { state in
            state.now += delta
            state.peak = max(state.peak, state.now)
        }
    }

    func record(_ value: Int) { state.withLock { $0.peak = max($0.peak, value) } }
}

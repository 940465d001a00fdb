import PostgresClient
import ProtocSupport
import Testing

@Suite("PostgreSQL server restarts", .temporaryPostgres)
struct PostgresRestartTests {
    @Test("after pg_ctl restart a connection reports the loss and the pool reconnects by itself")
    func poolReconnects() async throws {
        let cluster = try #require(TemporaryPostgres.current)
        let pool = PostgresPool(configuration: try clusterConfiguration(), maxConnections: 2)
        let before = try await pool.withConnection {
            try await $0.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        }
        let direct = try await connectToCluster()

        try await cluster.restart()

        let lost = await postgresError { try await direct.query("SELECT 1") }
        #expect(lost?.kind == .connectionLost || lost?.sqlState == .adminShutdown)
        #expect(direct.isClosed)
        let after = try await pool.withConnection {
            try await $0.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        }
        #expect(after != before)
        #expect(await pool.openConnections == 1)
        await pool.close()
    }
}

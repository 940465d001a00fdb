import PostgresClient
import ProtocSupport
import Testing

@Suite(.temporaryPostgres)
struct PostgresMigrationTests {
    private let first = PostgresMigration(
        version: 1, name: "items", statements: ["CREATE TABLE items (id text PRIMARY KEY)"])
    private let second = PostgresMigration(
        version: 2, name: "item sizes", statements: ["ALTER TABLE items ADD COLUMN size integer NOT NULL DEFAULT 0"])

    private func newPool() async throws -> PostgresPool {
        let cluster = try #require(TemporaryPostgres.current)
        return PostgresPool(configuration: try PostgresConfiguration(url: try await cluster.createDatabase()))
    }

    @Test func migratesFromEmptyThenFromThePreviousVersion() async throws {
        let pool = try await newPool()
        #expect(try await pool.migrate(component: "shop", [first]) == 0)
        _ = try await pool.withConnection { try await $0.query("INSERT INTO items (id) VALUES ('a')") }
        #expect(try await pool.migrate(component: "shop", [first, second]) == 1)
        #expect(try await pool.migrate(component: "shop", [first, second]) == 2)
        let size = try await pool.withConnection {
            try await $0.query("SELECT size FROM items")[0].decode("size", as: Int64.self)
        }
        #expect(size == 0)
        await pool.close()
    }

    @Test func replicasStartingTogetherMigrateOnce() async throws {
        let pool = try await newPool()
        let startVersions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let replica = PostgresPool(configuration: pool.configuration, maxConnections: 1)
                    let version = try await replica.migrate(component: "shop", [first, second])
                    await replica.close()
                    return version
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(startVersions.sorted() == [0, 2, 2, 2, 2, 2])
        let rows = try await pool.withConnection { try await $0.query("SELECT version FROM schema_migrations") }
        #expect(rows.count == 2)
        await pool.close()
    }

    @Test func componentsShareADatabaseIndependently() async throws {
        let pool = try await newPool()
        try await pool.migrate(component: "shop", [first])
        let other = PostgresMigration(version: 1, name: "notes", statements: ["CREATE TABLE notes (id text)"])
        #expect(try await pool.migrate(component: "notes", [other]) == 0)
        #expect(try await pool.migrate(component: "shop", [first]) == 1)
        await pool.close()
    }

    @Test func refusesASchemaNewerThanTheProgram() async throws {
        let pool = try await newPool()
        try await pool.migrate(component: "shop", [first, second])
        await #expect(throws: PostgresMigrationError.self) { try await pool.migrate(component: "shop", [first]) }
        await pool.close()
    }

    @Test func aFailingStepLeavesTheSchemaAsItWas() async throws {
        let pool = try await newPool()
        try await pool.migrate(component: "shop", [first])
        let broken = PostgresMigration(
            version: 2, name: "broken",
            statements: ["ALTER TABLE items ADD COLUMN size integer", "SELECT nonsense FROM nowhere"])
        await #expect(throws: PostgresError.self) { try await pool.migrate(component: "shop", [first, broken]) }
        #expect(try await pool.migrate(component: "shop", [first, second]) == 1)
        await pool.close()
    }

    @Test func refusesStepsNotNumberedInOrder() async throws {
        let pool = try await newPool()
        await #expect(throws: PostgresMigrationError.self) { try await pool.migrate(component: "shop", [second]) }
        await pool.close()
    }
}

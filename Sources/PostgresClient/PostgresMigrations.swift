/// One step of a database schema: a version, a name for people, and the statements that take
/// the schema from the previous version to this one.
public struct PostgresMigration: Sendable, Hashable {
    /// The schema version this step produces; steps are applied in increasing order.
    public let version: Int
    /// What the step does, recorded with it (`"schedules and outbox"`).
    public let name: String
    /// The statements, run in order in the migrating transaction.
    public let statements: [String]

    /// Creates a step.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

/// A schema that cannot be brought to the version this program needs.
public struct PostgresMigrationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in one line.
    public let description: String
}

extension PostgresPool {
    /// Brings `component`'s schema to the last of `migrations`, and returns the version it was
    /// at before.
    ///
    /// Every missing step runs, with its row in the `schema_migrations` table, in one
    /// transaction that first takes a transaction-scoped advisory lock (one for every
    /// component, since they share that table): when several replicas start at once, one
    /// migrates and the others wait for it, then find nothing left to do. PostgreSQL's DDL is transactional, so a step that fails leaves the
    /// schema as it was. Several components (each service's tables) can share one database.
    ///
    /// - Throws: ``PostgresMigrationError`` when the database holds a version newer than the
    ///   last of `migrations` (a newer build migrated it) or the steps are not numbered 1, 2, …;
    ///   ``PostgresError`` when a statement fails.
    @discardableResult
    public func migrate(component: String, _ migrations: [PostgresMigration]) async throws -> Int {
        guard migrations.map(\.version) == (0..<migrations.count).map({ $0 + 1 }) else {
            throw PostgresMigrationError(description: "the migrations of \(component) are not numbered 1, 2, 3, …")
        }
        return try await withConnection { connection in
            try await connection.transaction { transaction in
                try await transaction.query("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("schema_migrations")])
                try await transaction.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        component text NOT NULL, version integer NOT NULL, name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))
                    """)
                let current = try await transaction.query(
                    "SELECT coalesce(max(version), 0) AS version FROM schema_migrations WHERE component = $1",
                    [.text(component)]
                )[0].decode("version", as: Int64.self)
                guard current <= Int64(migrations.count) else {
                    throw PostgresMigrationError(
                        description: "the database's \(component) schema is at version \(current), newer than the "
                            + "\(migrations.count) this program knows; run a newer build")
                }
                for migration in migrations where migration.version > current {
                    for statement in migration.statements { try await transaction.query(statement) }
                    try await transaction.query(
                        "INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)",
                        [.text(component), .int(Int64(migration.version)), .text(migration.name)])
                }
                return Int(current)
            }
        }
    }
}

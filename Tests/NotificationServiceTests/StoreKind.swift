import Foundation
import NotificationService
import PostgresClient
import ProtocSupport
import Testing

/// A back end the store tests run against: the same suite checks both
/// (`arguments: StoreKind.allCases`). A suite with PostgreSQL cases needs the
/// `.sharedTemporaryPostgres` (or `.temporaryPostgres`) trait; each test gets a database of its own.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    /// Where a new, empty store keeps its data: a fresh directory for SQLite, a fresh database
    /// of the suite's cluster (``TemporaryPostgres/current``) for PostgreSQL.
    func newLocation() async throws -> String {
        switch self {
        case .sqlite: return try TemporaryPath.directory("pinit-test").path
        case .postgres:
            let cluster = try #require(
                TemporaryPostgres.current, "the suite needs a PostgreSQL trait (.sharedTemporaryPostgres)")
            return try await cluster.createDatabase()
        }
    }

    /// Opens the store at `location`, with leases on `leaseClock` when given, otherwise on the
    /// back end's own lease clock (boot time for SQLite, the server's clock for PostgreSQL).
    func open(_ location: String, leaseClock: ManualClock? = nil) async throws -> any NotificationStore {
        switch self {
        case .sqlite:
            let directory = URL(fileURLWithPath: location)
            if let leaseClock { return try SQLiteNotificationStore(directory: directory, leaseClock: leaseClock.read) }
            return try SQLiteNotificationStore(directory: directory)
        case .postgres:
            let pool = PostgresPool(configuration: try PostgresConfiguration(url: location), maxConnections: 2)
            return try await PostgresNotificationStore(pool: pool, leaseClock: leaseClock.map { $0.read })
        }
    }

    /// A new, empty store.
    func makeStore(leaseClock: ManualClock? = nil) async throws -> any NotificationStore {
        try await open(try await newLocation(), leaseClock: leaseClock)
    }
}

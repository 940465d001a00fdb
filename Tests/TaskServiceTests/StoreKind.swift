import Foundation
import PostgresClient
import ProtocSupport
import TaskService
import Testing

/// A back end the store tests run against: the same suite checks both (`arguments: StoreKind.allCases`).
/// A suite with PostgreSQL cases needs the `.sharedTemporaryPostgres` (or `.temporaryPostgres`) trait.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    /// `count` stores on one new, empty database, as `count` replicas would open it (the first
    /// creates the schema).
    func makeStores(_ count: Int) async throws -> [any ScheduleStore] {
        switch self {
        case .sqlite:
            let directory = try TemporaryPath.directory("pinit-test")
            return try (0..<count).map { _ in try SQLiteScheduleStore(directory: directory) }
        case .postgres:
            let cluster = try #require(
                TemporaryPostgres.current, "the suite needs a PostgreSQL trait (.sharedTemporaryPostgres)")
            let configuration = try PostgresConfiguration(url: try await cluster.createDatabase())
            var stores: [any ScheduleStore] = []
            for _ in 0..<count { stores.append(try await PostgresScheduleStore.open(configuration: configuration)) }
            return stores
        }
    }

    /// A store on a new, empty database.
    func makeStore() async throws -> any ScheduleStore {
        try await makeStores(1)[0]
    }
}

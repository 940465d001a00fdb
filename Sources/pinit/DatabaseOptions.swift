import ArgumentParser
import Foundation
import PostgresClient

/// `--database URL`: where a service keeps its state. A `postgres://` URL selects a PostgreSQL
/// database that several replicas of the service share; without one the service keeps an SQLite
/// file in `--data-dir`, as a single process. A service adds
/// `@OptionGroup var database: DatabaseOptions` and opens its store with
/// ``open(sqlite:in:postgres:)``.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "PostgreSQL database shared by the service's replicas (env PINIT_DATABASE_URL; default: SQLite in --data-dir).",
            discussion:
                "postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=MODE], or postgres://USER@/DB?host=/run/postgresql for a Unix socket.",
            valueName: "url"))
    var url: String?

    /// Takes `PINIT_DATABASE_URL` when the flag is missing (an empty variable counts as unset)
    /// and checks the URL, refusing it with a message that never shows its password.
    mutating func validate() throws {
        if url == nil, let text = ProcessInfo.processInfo.environment["PINIT_DATABASE_URL"], !text.isEmpty {
            do {
                _ = try FlagValue.databaseURL(text)
            } catch {
                throw ValidationError("environment variable PINIT_DATABASE_URL: \(error)")
            }
            url = text
        } else if let url {
            do {
                _ = try FlagValue.databaseURL(url)
            } catch {
                throw ValidationError("--database: \(error)")
            }
        }
    }

    /// The PostgreSQL server, or `nil` for SQLite.
    ///
    /// - Throws: what ``validate()`` already refused (never after it passed).
    var postgres: PostgresConfiguration? {
        get throws { try url.map(FlagValue.databaseURL) }
    }

    /// The database for the startup log line: the URL with its password hidden, or `sqlite`.
    var summary: String {
        guard let configuration = try? postgres else { return "sqlite" }
        return configuration.description
    }

    /// Opens the service's store: `postgres` with the configuration when a URL was given (it
    /// connects and migrates), else `sqlite`.
    ///
    /// - Throws: ``StartupFailure`` in one line naming the database (its host and port, the
    ///   password hidden) or the data directory, and the cause.
    func open<Store>(
        sqlite: (_ directory: URL) throws -> Store, in directory: URL,
        postgres: (PostgresConfiguration) async throws -> Store
    ) async throws(StartupFailure) -> Store {
        let configuration: PostgresConfiguration?
        do {
            configuration = try self.postgres
        } catch {
            throw StartupFailure(StartupFailure.oneLine(error))
        }
        if let configuration {
            return try await StartupFailure.during("cannot open the database \(configuration)") {
                try await postgres(configuration)
            }
        }
        return try await StartupFailure.during("cannot open the database in \(directory.path)") {
            try sqlite(directory)
        }
    }
}

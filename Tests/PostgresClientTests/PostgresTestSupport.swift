import PostgresClient
import ProtocSupport
import Testing

/// The suite's cluster as a client configuration.
func clusterConfiguration(applicationName: String? = nil) throws -> PostgresConfiguration {
    let cluster = try #require(TemporaryPostgres.current, "the suite needs the .temporaryPostgres trait")
    var configuration = try PostgresConfiguration(url: cluster.url)
    configuration.applicationName = applicationName
    return configuration
}

/// A new connection to the suite's cluster.
func connectToCluster() async throws -> PostgresConnection {
    try await PostgresConnection.connect(try clusterConfiguration())
}

/// The `PostgresError` that `body` throws, or a recorded issue and `nil` when it throws none.
func postgresError<T>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> PostgresError? {
    do {
        _ = try await body()
        Issue.record("expected a PostgresError, got none", sourceLocation: sourceLocation)
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

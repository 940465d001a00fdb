import Foundation
import LocalPostgres
import Testing

/// A PostgreSQL cluster for one test suite: a ``LocalPostgresCluster`` on a free loopback port,
/// with `fsync` off.
///
/// Start one per suite (about 2 s) with the ``TemporaryPostgresTrait`` suite trait and reach it
/// through ``LocalPostgresCluster/current``.
public typealias TemporaryPostgres = LocalPostgresCluster

extension LocalPostgresCluster {
    /// The cluster of the suite running, set by ``TemporaryPostgresTrait``.
    @TaskLocal public static var current: LocalPostgresCluster?

    /// Creates and starts a cluster on a free port.
    ///
    /// - Throws: ``LocalPostgresCluster/Failure`` when initdb or pg_ctl fails.
    public static func start() async throws -> LocalPostgresCluster {
        try await start(port: try freePort())
    }
}

/// A suite trait that starts one ``TemporaryPostgres`` for the whole suite, makes it
/// ``LocalPostgresCluster/current`` for its tests, and stops it afterwards, failed tests or not.
public struct TemporaryPostgresTrait: SuiteTrait, TestScoping {
    /// Not applied to each test again: one cluster per suite.
    public var isRecursive: Bool { false }

    /// Runs the suite with a started cluster.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let cluster = try await TemporaryPostgres.start()
        do {
            try await TemporaryPostgres.$current.withValue(cluster) { try await function() }
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }
}

extension Trait where Self == TemporaryPostgresTrait {
    /// One PostgreSQL cluster for the suite (``TemporaryPostgres``).
    public static var temporaryPostgres: Self { TemporaryPostgresTrait() }
}

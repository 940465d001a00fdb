import LocalPostgres
import Testing

/// A suite trait like ``TemporaryPostgresTrait``, except that the suites carrying it share one
/// cluster: the first to start starts it, the last to end stops it. For suites that only create
/// databases of their own (``LocalPostgresCluster/createDatabase(named:)``) and never restart or
/// stop the server, so that a test run starts one cluster for all of them instead of one each.
public struct SharedTemporaryPostgresTrait: SuiteTrait, TestScoping {
    /// Not applied to each test again: one cluster for the suite.
    public var isRecursive: Bool { false }

    /// Runs the suite with the shared cluster, started if no suite holds it.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let cluster = try await SharedCluster.shared.acquire()
        do {
            try await TemporaryPostgres.$current.withValue(cluster) { try await function() }
        } catch {
            await SharedCluster.shared.release()
            throw error
        }
        await SharedCluster.shared.release()
    }
}

/// The cluster the suites with ``SharedTemporaryPostgresTrait`` hold, and how many hold it.
private actor SharedCluster {
    static let shared = SharedCluster()

    private var starting: Task<LocalPostgresCluster, any Error>?
    private var holders = 0

    /// The cluster, started by the first holder; the others wait for that start.
    func acquire() async throws -> LocalPostgresCluster {
        holders += 1
        let start = starting ?? Task { try await TemporaryPostgres.start() }
        starting = start
        do {
            return try await start.value
        } catch {
            holders -= 1
            if holders == 0 { starting = nil }
            throw error
        }
    }

    /// Lets go of the cluster, stopping it when nobody else holds it.
    func release() async {
        holders -= 1
        guard holders == 0, let start = starting else { return }
        starting = nil
        if let cluster = try? await start.value { await cluster.stop() }
    }
}

extension Trait where Self == SharedTemporaryPostgresTrait {
    /// A PostgreSQL cluster shared with the other suites that carry this trait and run at the
    /// same time (``SharedTemporaryPostgresTrait``).
    public static var sharedTemporaryPostgres: Self { SharedTemporaryPostgresTrait() }
}

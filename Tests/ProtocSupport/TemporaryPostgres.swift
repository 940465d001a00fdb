import Foundation
import Testing

/// A PostgreSQL 15 cluster of its own in a temporary directory, for tests: `initdb` with trust
/// authentication, a server on 127.0.0.1 at a free port with its Unix socket in the same
/// directory, `fsync` off. PostgreSQL refuses to run as root, so as root the programs run as
/// the `postgres` user Debian's package creates (`runuser`), in a directory given to it.
///
/// Start one per suite (about 2 s) with the ``TemporaryPostgresTrait`` suite trait and reach it
/// through ``current``; ``stop()`` stops the server (`pg_ctl stop -m fast`) and removes the
/// directory.
public final class TemporaryPostgres: Sendable {
    /// The cluster of the suite running, set by ``TemporaryPostgresTrait``.
    @TaskLocal public static var current: TemporaryPostgres?

    /// Where PostgreSQL 15's programs are on Debian.
    public static let binDirectory = "/usr/lib/postgresql/15/bin"
    /// The superuser's name.
    public static let user = "pgtest"

    /// The temporary directory: the data directory, the log and the socket are inside.
    public let directory: URL
    /// The TCP port on 127.0.0.1.
    public let port: Int

    private var dataDirectory: String { directory.appendingPathComponent("data").path }
    private var logFile: String { directory.appendingPathComponent("server.log").path }

    /// `postgres://pgtest@127.0.0.1:PORT/postgres?sslmode=disable`.
    public var url: String { "postgres://\(Self.user)@127.0.0.1:\(port)/postgres?sslmode=disable" }
    /// The same cluster through its Unix domain socket.
    public var socketURL: String { "postgres://\(Self.user)@/postgres?host=\(directory.path)&port=\(port)" }

    /// A failure to set up, start or stop the cluster, with the program's output.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed and what the program printed.
        public let description: String
    }

    private init(directory: URL, port: Int) {
        self.directory = directory
        self.port = port
    }

    /// Creates and starts a cluster.
    ///
    /// - Throws: ``Failure`` when initdb or pg_ctl fails (its output and the server log included).
    public static func start() async throws -> TemporaryPostgres {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres"],
                                                  ofItemAtPath: directory.path)
        }
        let cluster = TemporaryPostgres(directory: directory, port: try freePort())
        do {
            try await cluster.run("initdb", ["-D", cluster.dataDirectory, "-A", "trust", "-U", user, "-E", "UTF8",
                                             "--locale=C", "--no-sync", "--no-instructions"])
            try await cluster.pgctl(["-l", cluster.logFile, "-o", cluster.serverOptions, "-w", "-t", "30", "start"])
        } catch {
            await cluster.stop()
            throw error
        }
        return cluster
    }

    private var serverOptions: String {
        "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=50"
    }

    /// Restarts the server (`pg_ctl restart -m fast`): every connection is closed by the server.
    ///
    /// - Throws: ``Failure`` when pg_ctl fails.
    public func restart() async throws {
        try await pgctl(["-l", logFile, "-o", serverOptions, "-m", "fast", "-w", "-t", "30", "restart"])
    }

    /// Creates an empty database of its own for one test (`createdb`), and returns its URL.
    ///
    /// - Throws: ``Failure`` when createdb fails.
    public func createDatabase() async throws -> String {
        let name = "t" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try await run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user, name])
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    /// Stops the server, if it runs, and removes the directory.
    public func stop() async {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            try? await pgctl(["-m", "fast", "-w", "-t", "30", "stop"])
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func pgctl(_ arguments: [String]) async throws {
        try await run("pg_ctl", ["-D", dataDirectory] + arguments)
    }

    /// Runs `"$@"` with every descriptor above 2 closed. Foundation's `Process` learns that a
    /// child exited when a socket it hands the child closes; a server that pg_ctl leaves running
    /// would inherit that socket and keep the start from ever finishing.
    private static let closingDescriptors = [
        "/bin/bash", "-c",
        #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && { eval "exec $n>&-" || true; }; done; exec "$@""#,
        "close-descriptors",
    ]

    /// Runs one of PostgreSQL's programs, as `postgres` when the tests run as root.
    private func run(_ program: String, _ arguments: [String]) async throws {
        let path = "\(Self.binDirectory)/\(program)"
        let command = Self.closingDescriptors + (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [])
            + [path] + arguments
        let outcome = try await ToolProcess.run(command[0], Array(command.dropFirst()), in: directory)
        guard outcome.status == 0 else {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) exited with \(outcome.status):\n"
                + String(decoding: outcome.stdout, as: UTF8.self) + outcome.stderr + "\nserver log:\n" + log)
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick for port 0).
    public static func freePort() throws -> Int {
        let (descriptor, port) = try bindLoopbackPort()
        close(descriptor)
        return port
    }
}

/// A suite trait that starts one ``TemporaryPostgres`` for the whole suite, makes it
/// ``TemporaryPostgres/current`` for its tests, and stops it afterwards, failed tests or not.
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

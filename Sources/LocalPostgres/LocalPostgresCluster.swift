import Foundation

/// A PostgreSQL cluster of its own in a directory: `initdb` with trust authentication for local
/// connections, a server on 127.0.0.1 at a given port with its Unix socket in the same
/// directory. For tests, demos and benchmarks on one machine; never for production data.
///
/// PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user that
/// Debian's `postgresql` package creates (`runuser`), in a directory given to that user.
public final class LocalPostgresCluster: Sendable {
    /// Where Debian's PostgreSQL 15 programs are.
    public static let binDirectory = "/usr/lib/postgresql/15/bin"
    /// The superuser's name.
    public static let user = "pgtest"

    /// The directory: the data directory, the log and the socket are inside.
    public let directory: URL
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// Whether the server syncs commits to disk (off: faster, and a crash of the machine may
    /// lose the last commits; a killed server loses nothing either way).
    public let durable: Bool

    private var dataDirectory: String { directory.appendingPathComponent("data").path }
    /// The server's log file.
    public var logFile: String { directory.appendingPathComponent("server.log").path }

    /// `postgres://pgtest@127.0.0.1:PORT/postgres?sslmode=disable`.
    public var url: String { databaseURL("postgres") }
    /// The same cluster through its Unix domain socket.
    public var socketURL: String { "postgres://\(Self.user)@/postgres?host=\(directory.path)&port=\(port)" }

    /// A failure to set up, start or stop the cluster, with the program's output.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed and what the program printed.
        public let description: String
    }

    private init(directory: URL, port: Int, durable: Bool) {
        self.directory = directory
        self.port = port
        self.durable = durable
    }

    /// Creates a cluster in a new directory under `parent` and starts it on `port`.
    ///
    /// - Throws: ``Failure`` when initdb or pg_ctl fails (its output and the server log
    ///   included), naming the package to install when PostgreSQL is missing.
    public static func start(
        port: Int, durable: Bool = false, under parent: URL = FileManager.default.temporaryDirectory
    )
        async throws -> LocalPostgresCluster
    {
        guard FileManager.default.isExecutableFile(atPath: binDirectory + "/initdb") else {
            throw Failure(
                description:
                    "PostgreSQL 15 is not installed (\(binDirectory)/initdb is missing; apt-get install postgresql)")
        }
        let directory = parent.appendingPathComponent("pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes(
                [.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres"],
                ofItemAtPath: directory.path)
        }
        let cluster = LocalPostgresCluster(directory: directory, port: port, durable: durable)
        do {
            try await cluster.run(
                "initdb",
                [
                    "-D", cluster.dataDirectory, "-A", "trust", "-U", user, "-E", "UTF8",
                    "--locale=C", "--no-sync", "--no-instructions",
                ])
            try await cluster.pgctl(["-l", cluster.logFile, "-o", cluster.serverOptions, "-w", "-t", "30", "start"])
        } catch {
            await cluster.stop()
            throw error
        }
        return cluster
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick for port 0).
    ///
    /// - Throws: ``Failure`` when no socket can be bound.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            throw Failure(description: "cannot pick a free loopback port: \(String(cString: strerror(errno)))")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private var serverOptions: String {
        "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c max_connections=100"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    }

    /// The URL of database `name` on this cluster over TCP.
    public func databaseURL(_ name: String) -> String {
        "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    /// Creates an empty database (`createdb`) and returns its URL.
    ///
    /// - Throws: ``Failure`` when createdb fails.
    public func createDatabase(
        named name: String = "t" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
    )
        async throws -> String
    {
        try await run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user, name])
        return databaseURL(name)
    }

    /// Restarts the server (`pg_ctl restart -m fast`): the server closes every connection.
    ///
    /// - Throws: ``Failure`` when pg_ctl fails.
    public func restart() async throws {
        try await pgctl(["-l", logFile, "-o", serverOptions, "-m", "fast", "-w", "-t", "30", "restart"])
    }

    /// Stops the server, if it runs, and removes the directory unless `keep`.
    public func stop(keep: Bool = false) async {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            try? await pgctl(["-m", "fast", "-w", "-t", "30", "stop"])
        }
        if !keep { try? FileManager.default.removeItem(at: directory) }
    }

    private func pgctl(_ arguments: [String]) async throws {
        try await run("pg_ctl", ["-D", dataDirectory] + arguments)
    }

    /// Runs `"$@"` with every descriptor above 2 closed. Foundation's `Process` learns that a
    /// child exited when a descriptor it hands the child closes; a server that pg_ctl leaves
    /// running would inherit that descriptor and keep the start from ever finishing.
    private static let closingDescriptors = [
        "/bin/bash", "-c",
        #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && { eval "exec $n>&-" || true; }; done; exec "$@""#,
        "close-descriptors",
    ]

    /// Runs one of PostgreSQL's programs to completion, as `postgres` when running as root,
    /// its output going to `program.out` in the directory.
    private func run(_ program: String, _ arguments: [String]) async throws {
        let command =
            Self.closingDescriptors + (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [])
            + ["\(Self.binDirectory)/\(program)"] + arguments
        let output = directory.appendingPathComponent("\(program).out")
        try Data().write(to: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw Failure(
                description: "\(program) \(arguments.joined(separator: " ")) exited with \(status):\n"
                    + printed + "\nserver log:\n" + log)
        }
    }
}

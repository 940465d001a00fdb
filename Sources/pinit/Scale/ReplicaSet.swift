import Foundation
import HTTP2Transport

/// Replicas of both pinit services as child processes sharing one database (or, with one
/// replica each and no database URL, SQLite in their data directories). Each replica listens on
/// a Unix socket of its own in the run's directory, so every address is known before any
/// starts and stays the same across restarts; all notification replicas append to one push file.
actor ReplicaSet {
    /// A service kind.
    enum Kind: String, CaseIterable, Sendable {
        case task = "task-service"
        case notification = "notification-service"
    }

    private struct Slot: Hashable {
        let kind: Kind
        let index: Int
    }

    private let root: URL
    private let replicas: Int
    private let databaseURL: String?
    /// The push file every notification replica appends to.
    nonisolated let pushFile: URL
    private var running: [Slot: ServiceProcess] = [:]

    /// Plans `replicas` replicas of each kind under `root`; nothing starts yet.
    init(root: URL, replicas: Int, databaseURL: String?) {
        self.root = root
        self.replicas = replicas
        self.databaseURL = databaseURL
        self.pushFile = root.appendingPathComponent("pushes.jsonl")
    }

    /// Every replica's address of one kind.
    nonisolated func addresses(_ kind: Kind) -> [TransportAddress] {
        (0..<replicas).map { address(of: Slot(kind: kind, index: $0)) }
    }

    /// The data directory of replica `index` of `kind` (its log, published address and, on
    /// SQLite, its database).
    nonisolated func dataDirectory(_ kind: Kind, _ index: Int) -> URL {
        root.appendingPathComponent("\(kind.rawValue)-\(index)")
    }

    private nonisolated func address(of slot: Slot) -> TransportAddress {
        .unix(path: root.appendingPathComponent("\(slot.kind.rawValue)-\(slot.index).sock").path)
    }

    /// Starts every replica and waits until each listens.
    ///
    /// - Throws: ``ServiceProcess/Failure`` when one exits or does not listen in time.
    func startAll() async throws {
        for kind in Kind.allCases {
            for index in 0..<replicas { try start(Slot(kind: kind, index: index)) }
        }
        for process in running.values { _ = try await process.address() }
    }

    private func start(_ slot: Slot) throws {
        let peers = slot.kind == .task ? addresses(.notification) : addresses(.task)
        var arguments = [
            slot.kind == .task ? "--notification-address" : "--task-address",
            peers.map(\.description).joined(separator: ","),
        ]
        if slot.kind == .notification { arguments += ["--push-file", pushFile.path] }
        if let databaseURL { arguments += ["--database", databaseURL] }
        running[slot] = try ServiceProcess(
            name: slot.kind.rawValue, listen: address(of: slot), dataDirectory: dataDirectory(slot.kind, slot.index),
            arguments: arguments)
    }

    /// Kills one replica of `kind`, chosen at random, with SIGKILL, and starts it again once it
    /// is gone; returns its index. The new process listens moments later.
    ///
    /// - Throws: when the executable cannot be started again.
    func killAndRestartRandom(_ kind: Kind) async throws -> Int {
        let slot = Slot(kind: kind, index: Int.random(in: 0..<replicas))
        await running[slot]?.kill()
        try start(slot)
        return slot.index
    }

    /// Sends every replica SIGTERM and waits for them to exit.
    ///
    /// - Returns: the replicas that exited with a non-zero status, as `NAME-INDEX: STATUS`.
    func terminateAll() async -> [String] {
        var failures: [String] = []
        for kind in Kind.allCases.reversed() {
            for index in 0..<replicas {
                guard let process = running[Slot(kind: kind, index: index)] else { continue }
                // A replica restarted a moment ago handles SIGTERM only once it listens.
                _ = try? await process.address()
                let status = await process.terminate()
                if status != 0 { failures.append("\(kind.rawValue)-\(index): \(status)") }
            }
        }
        return failures
    }
}

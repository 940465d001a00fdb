import Foundation
import HTTP2Transport
import LocalPostgres
import NotificationService
import PinitProtos
import PostgresClient
import RPCCore
import TaskService

/// One run of pinit at scale: a PostgreSQL cluster of its own (or SQLite), replicas of both
/// services as separate processes, ``ScheduleLoad``'s traffic, ``ChaosMonkey``'s faults if
/// asked, then a wait until every due schedule was decided, a clean stop and an audit of the
/// push file and both databases. `pinit demo-scale` and `pinit bench` are made of these.
struct ScaleRun {
    /// Replicas of each service (1 with SQLite).
    var replicas: Int
    /// PostgreSQL (a cluster started for the run) or SQLite.
    var usePostgres: Bool
    /// Schedules created.
    var schedules: Int
    /// Users owning them.
    var owners: Int
    /// Creations in flight at once.
    var concurrency: Int
    /// The share of schedules started, canceled or moved before their time.
    var changedShare: Double
    /// Kill replicas and restart PostgreSQL while the run goes on.
    var chaos: Bool
    /// Keep the run's directory (logs, databases, push file).
    var keep: Bool
    /// Where progress lines go.
    var say: @Sendable (String) -> Void

    /// What a run measured and found.
    struct Outcome {
        /// What the traffic did.
        var load: ScheduleLoad.Report
        /// From the first creation to the moment the relay had delivered every event.
        var relayTime: Duration
        /// The audit after the stop.
        var audit: DeliveryAudit
        /// Replicas killed by the chaos monkey.
        var kills: Int
        /// Replicas that did not exit cleanly on SIGTERM at the end.
        var unclean: [String]
    }

    /// Runs it.
    ///
    /// - Throws: when PostgreSQL or a replica cannot be started, or the databases cannot be read.
    func run() async throws -> Outcome {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-scale-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: root) } }
        let cluster =
            usePostgres
            ? try await LocalPostgresCluster.start(
                port: try LocalPostgresCluster.freePort(), durable: true, under: root) : nil
        do {
            let outcome = try await run(in: root, cluster: cluster)
            await cluster?.stop(keep: keep)
            return outcome
        } catch {
            await cluster?.stop(keep: keep)
            throw error
        }
    }

    private func run(in root: URL, cluster: LocalPostgresCluster?) async throws -> Outcome {
        let databaseURL = try await cluster?.createDatabase(named: "pinit")
        let set = ReplicaSet(root: root, replicas: replicas, databaseURL: databaseURL)
        try await set.startAll()
        if let cluster {
            say("scale          PostgreSQL on 127.0.0.1:\(cluster.port), \(replicas) replicas of each service")
        }
        let stores = try await ServiceStores.open(
            postgres: try databaseURL.map { try PostgresConfiguration(url: $0) }, taskData: set.dataDirectory(.task, 0),
            notificationData: set.dataDirectory(.notification, 0))
        let taskClient = RPCClient(transport: HTTP2ClientTransport(targets: set.addresses(.task)))
        let notificationClient = RPCClient(transport: HTTP2ClientTransport(targets: set.addresses(.notification)))
        defer {
            taskClient.beginGracefulShutdown()
            notificationClient.beginGracefulShutdown()
        }
        let load = ScheduleLoad(
            tasks: Pinit_V1_TaskService.Client(wrapping: taskClient),
            notifications: Pinit_V1_NotificationService.Client(wrapping: notificationClient),
            schedules: schedules, owners: owners, concurrency: concurrency, changedShare: changedShare)
        try await load.registerDevices()
        say("scale          \(owners - owners / 10) devices registered; creating \(schedules) schedules due in 15-60 s")

        let monkey = ChaosMonkey(
            replicas: set, cluster: cluster, period: .seconds(4), databaseRestartAfter: .seconds(20))
        let say = self.say
        let chaosTask = Task { chaos ? await monkey.run(say: say) : 0 }
        let began = ContinuousClock.now
        let report = await load.run()
        say(
            "scale          \(report.created) created in " + String(format: "%.1f s", report.creationTime.inSeconds)
                + "; \(report.started) started, "
                + "\(report.canceled) canceled, \(report.moved) moved before their time; \(report.failures.count) calls failed"
        )
        let relayTime = try await Self.waitUntilRelayed(stores.tasks, since: began)
        try await Self.waitUntilDecided(stores, latestStart: report.latestStart)
        chaosTask.cancel()
        let kills = await chaosTask.value
        let unclean = await set.terminateAll()
        let audit = try await DeliveryAudit.load(
            tasks: stores.tasks, notifications: stores.notifications, pushFile: set.pushFile,
            dueBefore: report.latestStart + 1)
        try await stores.close()
        return Outcome(load: report, relayTime: relayTime, audit: audit, kills: kills, unclean: unclean)
    }

    /// Waits until the outbox holds no event that is not acknowledged (with changes still being
    /// made, the last change's event).
    private static func waitUntilRelayed(_ tasks: any ScheduleStore, since began: ContinuousClock.Instant) async throws
        -> Duration
    {
        while try await !tasks.unacknowledgedEvents(after: 0, limit: 1).isEmpty {
            try await Task.sleep(for: .milliseconds(100))
        }
        return began.duration(to: .now)
    }

    /// Waits until every schedule due by the task service's history has a decided
    /// notification, or two minutes after the latest start time.
    private static func waitUntilDecided(_ stores: ServiceStores, latestStart: Int64) async throws {
        let giveUp = latestStart + 120_000
        while true {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            if now > latestStart + 1_000 {
                let undecided = PushPromise.undecidedSchedules(
                    events: try await stores.tasks.allEvents().map(\.event),
                    decided: try await stores.notifications.notifications(ownerID: nil), dueBefore: latestStart + 1)
                if undecided.isEmpty || now > giveUp { return }
            }
            try await Task.sleep(for: .seconds(1))
        }
    }
}

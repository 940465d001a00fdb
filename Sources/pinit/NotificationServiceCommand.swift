import ArgumentParser
import Foundation
import GRPCHealth
import GRPCReflection
import HTTP2Transport
import NotificationService
import PinitProtos
import RPCCore

/// `pinit notification-service`: applies schedule events and sends due pushes.
struct NotificationServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notification-service", abstract: "Run the notification service (events, devices, pushes).")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var retention: RetentionOptions
    @OptionGroup var push: PushOptions

    @Option(
        name: .customLong("task-address"),
        help: ArgumentHelp(
            "The task service, asked before each push whether the schedule is still due (env PINIT_TASK_ADDRESS; default 127.0.0.1:50061).",
            discussion: "HOST:PORT, [IPv6]:PORT or unix:PATH; several replicas separated by commas.",
            valueName: "addresses"),
        transform: FlagValue.addresses)
    var taskAddresses: [TransportAddress]?

    @Option(
        name: .customLong("max-push-lateness"), parsing: .unconditional,
        help: ArgumentHelp(
            "How late a push may go out while the task service cannot confirm its schedule; then it is suppressed as 'state unconfirmed' (env PINIT_MAX_PUSH_LATENESS; default 60s).",
            valueName: "period"),
        transform: FlagValue.period)
    var maxPushLateness: Duration?

    @Option(
        name: .customLong("worker"),
        help:
            "This process's name in job leases (env PINIT_WORKER; default HOST:DATA-DIR#N, N the lowest slot free in the data directory)."
    )
    var worker: String?

    @Option(
        name: .customLong("lease-ms"), parsing: .unconditional,
        help:
            "How long a claimed notification job stays leased, in milliseconds, at least 1 (env PINIT_LEASE_MS; default 10000).",
        transform: FlagValue.positiveMilliseconds)
    var leaseMilliseconds: Int?

    mutating func validate() throws {
        leaseMilliseconds =
            try FlagValue.resolve(leaseMilliseconds, "PINIT_LEASE_MS", FlagValue.positiveMilliseconds) ?? 10_000
        taskAddresses =
            try FlagValue.resolve(taskAddresses, "PINIT_TASK_ADDRESS", FlagValue.addresses)
            ?? [.tcp(host: "127.0.0.1", port: 50061)]
        maxPushLateness =
            try FlagValue.resolve(maxPushLateness, "PINIT_MAX_PUSH_LATENESS", FlagValue.period) ?? .seconds(60)
        worker = worker ?? ProcessInfo.processInfo.environment["PINIT_WORKER"]
        if worker?.isEmpty == true { throw ValidationError("--worker must not be empty") }
    }

    func run() async throws {
        let logger = options.makeLogger(label: "pinit.notification-service")
        try options.createDataDirectory()
        let store: any NotificationStore = try await database.open(
            sqlite: { try SQLiteNotificationStore(directory: $0) }, in: options.dataDirectoryURL,
            postgres: { try await PostgresNotificationStore.open(configuration: $0) })
        let workerName = try worker ?? WorkerIdentity.acquire(dataDirectory: options.dataDirectoryURL).name
        let (sender, pushFileSender) = try await push.makeSender(
            dataDirectory: options.dataDirectoryURL, logger: logger)
        let serverTransport = HTTP2ServerTransport(address: options.listeningAddress, tls: options.serverTLS)
        var router = RPCRouter<HTTP2ServerTransport>()
        let handler = NotificationServiceHandler(store: store, servedKinds: sender.kinds, logger: logger)
        handler.registerMethods(with: &router)
        let health = HealthService()
        health.setStatus(.serving, forService: Pinit_V1_NotificationService.name)
        health.registerMethods(with: &router)
        try router.registerReflection()
        // Only the task service (its relay) may feed events, when --peer-identity names it.
        let server = RPCServer(
            transport: serverTransport, router: router,
            scopedInterceptors: options.peerOnly([Pinit_V1_NotificationService.Method.syncEvents]))
        let taskService = RPCClient(
            transport: HTTP2ClientTransport(
                targets: taskAddresses!, backoff: ConnectionBackoff(initial: .milliseconds(100), maximum: .seconds(2)),
                tls: options.clientTLS),
            serviceConfig: try PeerServiceConfig.retryingUnavailable(for: Pinit_V1_TaskService.name))
        let scheduler = NotificationScheduler(
            store: store, sender: sender,
            confirmation: TaskServiceConfirmation(client: Pinit_V1_TaskService.Client(wrapping: taskService)),
            worker: workerName, lease: .milliseconds(leaseMilliseconds!),
            policy: DeliveryPolicy(maxLateness: maxPushLateness!), logger: logger)
        let prunedFile = pushFileSender
        let pruneStore: @Sendable (Int64, Int) async throws -> Int = { cutoff, limit in
            let rows = try await store.prune(before: cutoff, limit: limit)
            guard rows < limit, let prunedFile else { return rows }
            return try await rows + prunedFile.prune(olderThan: cutoff)
        }

        let shutdown = GracefulShutdown(period: .seconds(8))
        let signals = SignalHandlers([SIGINT, SIGTERM]) { number in
            logger.notice("signal \(number): shutting down (no new calls; finishing the current pushes)")
            health.shutDown()
            handler.beginDraining()
            server.beginGracefulShutdown(gracePeriod: shutdown.period)
            scheduler.stop()
            shutdown.begin()
        }
        defer { signals.cancel() }
        let reloads = SignalHandlers.reloadingTLS(of: serverTransport, logger: logger)
        defer { reloads.cancel() }
        do {
            try await shutdown.run(
                serving: { try await server.serve() },
                alongside: {
                    await retention.run({ await scheduler.run() }, pruning: pruneStore, logger: logger)
                }
            ) {
                let address = try await options.publishListeningAddress(
                    of: serverTransport, name: "notification-service")
                logger.notice(
                    "notification service listening",
                    metadata: [
                        "address": "\(address)", "data_dir": "\(options.dataDirectoryURL.path)",
                        "database": "\(database.summary)",
                        "worker": "\(scheduler.worker)",
                        "tls": "\(options.serverTLS != nil)", "task_service": "\(taskAddresses!)",
                        "push": "\(push.kinds.map(\.rawValue).sorted().joined(separator: ","))",
                    ])
            }
        } catch {
            taskService.beginGracefulShutdown()
            try? await store.close()
            throw error
        }
        taskService.beginGracefulShutdown()
        try await store.close()
        logger.notice("notification service stopped; database closed")
    }
}

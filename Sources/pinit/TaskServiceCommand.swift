import ArgumentParser
import Foundation
import GRPCHealth
import GRPCReflection
import HTTP2Transport
import PinitProtos
import PostgresClient
import RPCCore
import TaskService

/// `pinit task-service`: serves TaskService and relays its outbox to the notification service.
struct TaskServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task-service", abstract: "Run the task service (schedules, outbox relay).")

    @OptionGroup var options: ServiceOptions

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var retention: RetentionOptions

    @Option(
        name: .customLong("notification-address"),
        help: ArgumentHelp(
            "The notification service (env PINIT_NOTIFICATION_ADDRESS; default 127.0.0.1:50062).",
            discussion: "HOST:PORT, [IPv6]:PORT or unix:PATH; several replicas separated by commas.",
            valueName: "addresses"),
        transform: FlagValue.addresses)
    var notificationAddresses: [TransportAddress]?

    mutating func validate() throws {
        notificationAddresses =
            try FlagValue.resolve(notificationAddresses, "PINIT_NOTIFICATION_ADDRESS", FlagValue.addresses)
            ?? [.tcp(host: "127.0.0.1", port: 50062)]
    }

    func run() async throws {
        let logger = options.makeLogger(label: "pinit.task-service")
        try options.createDataDirectory()
        let store: any ScheduleStore = try await database.open(
            sqlite: SQLiteScheduleStore.init(directory:), in: options.dataDirectoryURL,
            postgres: { try await PostgresScheduleStore.open(configuration: $0, logger: logger) })
        let serverTransport = HTTP2ServerTransport(address: options.listeningAddress, tls: options.serverTLS)
        var router = RPCRouter<HTTP2ServerTransport>()
        ScheduleServiceHandler(store: store, logger: logger).registerMethods(with: &router)
        let health = HealthService()
        health.setStatus(.serving, forService: Pinit_V1_TaskService.name)
        health.registerMethods(with: &router)
        try router.registerReflection()
        let server = RPCServer(transport: serverTransport, router: router)
        // gRPC's backoff from 100 ms instead of 1 s, capped at 2 s: events are due seconds after
        // they are made, so a restarted notification service must be found again within moments.
        let peer = RPCClient(
            transport: HTTP2ClientTransport(
                targets: notificationAddresses!,
                backoff: ConnectionBackoff(initial: .milliseconds(100), maximum: .seconds(2)),
                tls: options.clientTLS),
            serviceConfig: try PeerServiceConfig.retryingUnavailable(for: Pinit_V1_NotificationService.name))
        // A restarted process takes its predecessor's name (same host and data directory), and
        // with it the outbox claims that one left.
        let claimant = try WorkerIdentity.acquire(dataDirectory: options.dataDirectoryURL).name
        let relay = ScheduleEventRelay(
            store: store, client: Pinit_V1_NotificationService.Client(wrapping: peer), claimant: claimant,
            logger: logger)

        let shutdown = GracefulShutdown(period: .seconds(8))
        let signals = SignalHandlers([SIGINT, SIGTERM]) { number in
            logger.notice("signal \(number): shutting down (no new calls; flushing the relay)")
            health.shutDown()
            server.beginGracefulShutdown(gracePeriod: shutdown.period)
            relay.stop()
            peer.beginGracefulShutdown()
            shutdown.begin()
        }
        defer { signals.cancel() }
        let reloads = SignalHandlers.reloadingTLS(of: serverTransport, logger: logger)
        defer { reloads.cancel() }
        do {
            try await shutdown.run(
                serving: { try await server.serve() },
                alongside: {
                    await retention.run(
                        { await relay.run() }, pruning: { try await store.prune(before: $0, limit: $1) }, logger: logger
                    )
                }
            ) {
                let address = try await options.publishListeningAddress(of: serverTransport, name: "task-service")
                logger.notice(
                    "task service listening",
                    metadata: [
                        "address": "\(address)", "notification_service": "\(notificationAddresses!)",
                        "data_dir": "\(options.dataDirectoryURL.path)", "tls": "\(options.serverTLS != nil)",
                        "database": "\(database.summary)",
                    ])
            }
        } catch {
            peer.beginGracefulShutdown()
            try? await store.close()
            throw error
        }
        peer.beginGracefulShutdown()
        try await store.close()
        logger.notice("task service stopped; database closed")
    }
}

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

    @Option(name: .customLong("push-file"),
            help: "Append pushes as JSON lines to this file (env PINIT_PUSH_FILE; default <data-dir>/pushes.jsonl).")
    var pushFile: String?

    @Option(name: .customLong("push-webhook"),
            help: "POST pushes as JSON to this http(s) URL instead of a file (env PINIT_PUSH_WEBHOOK).",
            transform: FlagValue.webURL)
    var pushWebhook: URL?

    @Option(name: .customLong("lease-ms"), parsing: .unconditional,
            help: "How long a claimed notification job stays leased, in milliseconds, at least 1 (env PINIT_LEASE_MS; default 10000).",
            transform: FlagValue.positiveMilliseconds)
    var leaseMilliseconds: Int?

    mutating func validate() throws {
        pushWebhook = try pushWebhook ?? FlagValue.environment("PINIT_PUSH_WEBHOOK", FlagValue.webURL)
        pushFile = pushFile ?? ProcessInfo.processInfo.environment["PINIT_PUSH_FILE"]
        if pushWebhook != nil && pushFile != nil {
            throw ValidationError("--push-webhook and --push-file cannot be combined")
        }
        leaseMilliseconds = try leaseMilliseconds
            ?? FlagValue.environment("PINIT_LEASE_MS", FlagValue.positiveMilliseconds) ?? 10_000
    }

    func run() async throws {
        let logger = options.makeLogger(label: "pinit.notification-service")
        try options.createDataDirectory()
        let store = try await StartupFailure.during("cannot open the database in \(options.dataDirectoryURL.path)") {
            try SQLiteNotificationStore(directory: options.dataDirectoryURL)
        }
        let sender: any PushSender
        if let pushWebhook {
            sender = WebhookPushSender(url: pushWebhook)
        } else {
            let file = pushFile.map { URL(fileURLWithPath: $0) } ?? options.dataDirectoryURL.appendingPathComponent("pushes.jsonl")
            sender = try await StartupFailure.during("cannot open the push file \(file.path)") { try FilePushSender(url: file) }
        }
        let serverTransport = HTTP2ServerTransport(address: options.listeningAddress, tls: options.serverTLS)
        var router = RPCRouter<HTTP2ServerTransport>()
        let handler = NotificationServiceHandler(store: store, logger: logger)
        handler.registerMethods(with: &router)
        let health = HealthService()
        health.setStatus(.serving, forService: Pinit_V1_NotificationService.name)
        health.registerMethods(with: &router)
        try router.registerReflection()
        let server = RPCServer(transport: serverTransport, router: router)
        let scheduler = NotificationScheduler(
            store: store, sender: sender, lease: .milliseconds(leaseMilliseconds!), logger: logger)

        let shutdown = GracefulShutdown(period: .seconds(8))
        let signals = ShutdownSignals { number in
            logger.notice("signal \(number): shutting down (no new calls; finishing the current pushes)")
            health.shutDown()
            handler.beginDraining()
            server.beginGracefulShutdown(gracePeriod: shutdown.period)
            scheduler.stop()
            shutdown.begin()
        }
        defer { signals.cancel() }
        do {
            try await shutdown.run(serving: { try await server.serve() }, alongside: { await scheduler.run() }) {
                let address = try await options.publishListeningAddress(of: serverTransport, name: "notification-service")
                logger.notice("notification service listening", metadata: [
                    "address": "\(address)", "data_dir": "\(options.dataDirectoryURL.path)", "worker": "\(scheduler.worker)",
                    "tls": "\(options.serverTLS != nil)",
                ])
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        logger.notice("notification service stopped; database closed")
    }
}

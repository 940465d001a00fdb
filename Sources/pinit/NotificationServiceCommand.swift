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
            help: "POST pushes as JSON to this URL instead of a file (env PINIT_PUSH_WEBHOOK).")
    var pushWebhook: String?

    @Option(name: .customLong("lease-ms"), help: "How long a claimed notification job stays leased (env PINIT_LEASE_MS).")
    var leaseMilliseconds: Int = Int(ProcessInfo.processInfo.environment["PINIT_LEASE_MS"] ?? "") ?? 10_000

    func run() async throws {
        let logger = options.makeLogger(label: "pinit.notification-service")
        let store = try SQLiteNotificationStore(directory: options.dataDirectoryURL)
        let environment = ProcessInfo.processInfo.environment
        let sender: any PushSender
        if let pushWebhook = pushWebhook ?? environment["PINIT_PUSH_WEBHOOK"] {
            guard let url = URL(string: pushWebhook) else { throw ValidationError("not a URL: \(pushWebhook)") }
            sender = WebhookPushSender(url: url)
        } else {
            let file = (pushFile ?? environment["PINIT_PUSH_FILE"]).map { URL(fileURLWithPath: $0) }
                ?? options.dataDirectoryURL.appendingPathComponent("pushes.jsonl")
            sender = try FilePushSender(url: file)
        }
        let serverTransport = HTTP2ServerTransport(address: .tcp(host: options.host, port: options.port))
        var router = RPCRouter<HTTP2ServerTransport>()
        let handler = NotificationServiceHandler(store: store, logger: logger)
        handler.registerMethods(with: &router)
        let health = HealthService()
        health.setStatus(.serving, forService: Pinit_V1_NotificationService.name)
        health.registerMethods(with: &router)
        try router.registerReflection()
        let server = RPCServer(transport: serverTransport, router: router)
        let scheduler = NotificationScheduler(
            store: store, sender: sender, lease: .milliseconds(leaseMilliseconds), logger: logger)

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
        try await shutdown.run(serving: { try await server.serve() }, alongside: { await scheduler.run() }) {
            let address = try await serverTransport.listeningAddress()
            try options.publish(address, name: "notification-service")
            logger.notice("notification service listening", metadata: [
                "address": "\(address)", "data_dir": "\(options.dataDirectory)", "worker": "\(scheduler.worker)",
            ])
        }
        try await store.close()
        logger.notice("notification service stopped; database closed")
    }
}

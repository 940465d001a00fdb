import ArgumentParser
import Foundation

/// `pinit audit`: counts pushes, suppressions, duplicates, lost events, wrong and late pushes after a run.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Check a run: pushes sent, suppressed, duplicated, wrong (not due) or late, and events lost between the services."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("task-data-dir"),
        help: "The task service's data directory (its SQLite database, without --database).")
    var taskData: String?

    @Option(
        name: .customLong("notification-data-dir"),
        help: "The notification service's data directory (its SQLite database, without --database).")
    var notificationData: String?

    @Option(name: .customLong("push-file"), help: "The push file (default <notification-data-dir>/pushes.jsonl).")
    var pushFile: String?

    func validate() throws {
        if database.url == nil && (taskData == nil || notificationData == nil) {
            throw ValidationError("--task-data-dir and --notification-data-dir are needed without --database")
        }
        if pushFile == nil && notificationData == nil {
            throw ValidationError("--push-file is needed without --notification-data-dir")
        }
    }

    @Option(
        name: .customLong("late-after"),
        help: ArgumentHelp(
            "How late after its start time a sent push counts as late (default 10s).", valueName: "period"),
        transform: FlagValue.period)
    var lateAfter: Duration = .seconds(10)

    @Flag(help: "Print the timeline too.")
    var timeline = false

    func run() async throws {
        let notificationURL = URL(fileURLWithPath: notificationData ?? ".")
        let file = pushFile.map { URL(fileURLWithPath: $0) } ?? notificationURL.appendingPathComponent("pushes.jsonl")
        let stores = try await ServiceStores.open(
            postgres: try database.postgres, taskData: URL(fileURLWithPath: taskData ?? "."),
            notificationData: notificationURL)
        let audit = try await stores.use {
            try await DeliveryAudit.load(
                tasks: $0.tasks, notifications: $0.notifications, pushFile: file, lateAfter: lateAfter)
        }
        if timeline {
            let start = audit.timeline.first?.time ?? 0
            for entry in audit.timeline {
                print(String(format: "%+7.2fs  ", Double(entry.time - start) / 1000) + entry.text)
            }
        }
        print(audit.summary(prefix: "audit"))
    }
}

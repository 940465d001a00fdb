import ArgumentParser

/// `pinit`: the task service, the notification service, and a demo driving both.
@main
struct Pinit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Schedules with push notifications at their start time, over gRPC.",
        subcommands: [
            TaskServiceCommand.self, NotificationServiceCommand.self, DemoCommand.self, ScaleDemoCommand.self,
            BenchCommand.self, AuditCommand.self, VAPIDKeysCommand.self,
        ])
}

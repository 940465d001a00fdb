import ArgumentParser
import Foundation
import PinitProtos

/// `pinit demo-scale`: several replicas of each service on one PostgreSQL, thousands of
/// schedules, replicas killed and restarted and PostgreSQL restarted while it runs, then an
/// audit ending in `scale: N schedules, S sent, U suppressed, D duplicates, L lost, lateness …`.
struct ScaleDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-scale",
        abstract: "Run several replicas of each service on PostgreSQL under load and faults, then audit.")

    @Option(help: "Schedules to create, each due 15 to 60 seconds after its creation.")
    var schedules = 10_000

    @Option(help: "Replicas of each service.")
    var replicas = 3

    @Option(help: "Users owning the schedules; every tenth has no device.")
    var owners = 1_000

    @Flag(inversion: .prefixedNo, help: "Kill a random replica of each service every 4 s, and restart PostgreSQL once.")
    var chaos = true

    @Flag(help: "Keep the run's directory (cluster, logs, push file).")
    var keep = false

    func validate() throws {
        guard schedules > 0, replicas > 0, owners >= 10 else {
            throw ValidationError("--schedules and --replicas must be positive and --owners at least 10")
        }
    }

    func run() async throws {
        StandardOutput.flushEachLine()
        let began = ContinuousClock.now
        let run = ScaleRun(
            replicas: replicas, usePostgres: true, schedules: schedules, owners: owners, concurrency: 64,
            changedShare: 0.15, chaos: chaos, keep: keep,
            say: { text in
                let elapsed = began.duration(to: .now)
                print(String(format: "%+7.2fs  ", elapsed.inSeconds) + text)
            })
        let outcome = try await run.run()
        let audit = outcome.audit
        print(
            audit.summary(prefix: "audit")
                + ", \(audit.unexplained) suppressed without a reason, \(outcome.kills) replicas killed")
        for failure in outcome.load.failures.prefix(5) { print("failed call: \(failure)") }
        for replica in outcome.unclean { print("unclean exit: \(replica)") }
        let lost = audit.lost + audit.undecided
        print(
            "scale: \(outcome.load.created) schedules, \(audit.sent) sent, \(audit.suppressed) suppressed, "
                + "\(audit.duplicates) duplicates, \(lost) lost, lateness p50 \(audit.latenessPercentile(0.5)) ms "
                + "p99 \(audit.latenessPercentile(0.99)) ms")
        guard audit.duplicates == 0, lost == 0, audit.wrong == 0, audit.unexplained == 0 else {
            throw ValidationError(
                "the promise was broken: \(audit.duplicates) duplicates, \(lost) lost, \(audit.wrong) wrong pushes")
        }
    }
}

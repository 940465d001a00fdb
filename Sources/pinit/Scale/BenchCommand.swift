import ArgumentParser
import Foundation
import PinitProtos

/// `pinit bench`: how fast pinit commits and relays schedules and how late its pushes go out,
/// on SQLite with one replica of each service and on PostgreSQL with one and with three.
/// No faults and no changes (relayed/s counts creations only); every configuration gets the
/// same traffic. Prints a table, then one
/// `pinit NAME: VALUE` line per figure.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure schedule throughput and push lateness on SQLite and PostgreSQL.")

    @Option(help: "Schedules created in each configuration.")
    var schedules = 5_000

    @Option(help: "Creations in flight at once.")
    var concurrency = 64

    @Option(
        help: ArgumentHelp(
            "Which configurations to run, separated by commas.", valueName: "sqlite-1,postgres-1,postgres-3"),
        transform: { $0.split(separator: ",").map(String.init) })
    var configurations = ["sqlite-1", "postgres-1", "postgres-3"]

    /// Every configuration: its name, whether it runs on PostgreSQL, and replicas of each service.
    private static let known = [("sqlite-1", false, 1), ("postgres-1", true, 1), ("postgres-3", true, 3)]

    func validate() throws {
        let unknown = Set(configurations).subtracting(Self.known.map(\.0))
        guard unknown.isEmpty else {
            throw ValidationError("unknown configuration: \(unknown.sorted().joined(separator: ", "))")
        }
    }

    /// One configuration's figures.
    private struct Row {
        let name: String
        let outcome: ScaleRun.Outcome

        var createdPerSecond: Double { Double(outcome.load.created) / Self.seconds(outcome.load.creationTime) }
        var relayedPerSecond: Double { Double(outcome.load.created) / Self.seconds(outcome.relayTime) }

        private static func seconds(_ duration: Duration) -> Double {
            max(1e-3, duration.inSeconds)
        }
    }

    func run() async throws {
        StandardOutput.flushEachLine()
        var rows: [Row] = []
        for (name, usePostgres, replicas) in Self.known where configurations.contains(name) {
            print("bench: \(name) (\(replicas) replica\(replicas == 1 ? "" : "s") of each service)")
            let run = ScaleRun(
                replicas: replicas, usePostgres: usePostgres, schedules: schedules, owners: 1_000,
                concurrency: concurrency,
                changedShare: 0, chaos: false, keep: false, say: { print("  " + $0) })
            let outcome = try await run.run()
            guard outcome.audit.duplicates == 0, outcome.audit.lost + outcome.audit.undecided == 0 else {
                throw ValidationError("\(name): \(outcome.audit.summary(prefix: "audit"))")
            }
            rows.append(Row(name: name, outcome: outcome))
        }
        print("\nconfiguration  created/s  relayed/s  push lateness p50  p99")
        for row in rows {
            print(
                row.name.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + String(
                        format: "%10.0f %10.0f %15d ms %6d ms", row.createdPerSecond, row.relayedPerSecond,
                        row.outcome.audit.latenessPercentile(0.5), row.outcome.audit.latenessPercentile(0.99)))
        }
        print("")
        for row in rows {
            print("pinit \(row.name) created/s: " + String(format: "%.0f", row.createdPerSecond))
            print("pinit \(row.name) relayed/s: " + String(format: "%.0f", row.relayedPerSecond))
            print("pinit \(row.name) lateness p50 ms: \(row.outcome.audit.latenessPercentile(0.5))")
            print("pinit \(row.name) lateness p99 ms: \(row.outcome.audit.latenessPercentile(0.99))")
        }
    }
}

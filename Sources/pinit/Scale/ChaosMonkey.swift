import Foundation
import LocalPostgres

/// The faults of the scale demo: every `period`, one random task-service replica and one random
/// notification-service replica are killed with SIGKILL and started again; once, halfway
/// through, PostgreSQL itself is restarted (every connection of every replica is cut).
struct ChaosMonkey {
    let replicas: ReplicaSet
    let cluster: LocalPostgresCluster?
    let period: Duration
    /// When to restart PostgreSQL, counted from the start of ``run(say:)``.
    let databaseRestartAfter: Duration

    /// Runs until the task is cancelled, reporting each fault through `say`.
    ///
    /// - Returns: how many replicas were killed.
    func run(say: (String) -> Void) async -> Int {
        let began = ContinuousClock.now
        var kills = 0
        var databaseRestarted = cluster == nil
        while (try? await Task.sleep(for: period)) != nil {
            for kind in ReplicaSet.Kind.allCases {
                do {
                    let index = try await replicas.killAndRestartRandom(kind)
                    kills += 1
                    say("chaos          kill -9 \(kind.rawValue)-\(index), restarted")
                } catch {
                    say("chaos          could not restart a \(kind.rawValue): \(error)")
                }
            }
            if !databaseRestarted, began.duration(to: .now) >= databaseRestartAfter, let cluster {
                databaseRestarted = true
                do {
                    try await cluster.restart()
                    say("chaos          PostgreSQL restarted (every connection cut)")
                } catch {
                    say("chaos          PostgreSQL restart failed: \(error)")
                }
            }
        }
        return kills
    }
}

import GRDB
import Synchronization

/// Counts the write transactions a database commits (a GRDB transaction observer).
public final class CommitCounter: TransactionObserver, Sendable {
    private let commits = Mutex(0)

    /// Commits since the counter was added.
    public var count: Int { commits.withLock { $0 } }

    /// Creates a counter at zero.
    public init() {}

    /// Every kind of change counts.
    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    /// Nothing to do per change.
    public func databaseDidChange(with event: DatabaseEvent) {}
    /// Counts the commit.
    public func databaseDidCommit(_ db: Database) { commits.withLock { $0 += 1 } }
    /// A rollback is no commit.
    public func databaseDidRollback(_ db: Database) {}
}

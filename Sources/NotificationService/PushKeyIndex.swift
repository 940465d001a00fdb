/// The idempotency keys of the push file that an appender remembers, and how far it has read.
///
/// Memory bound: a key is kept while the `startTime` of its line lies within the retention
/// (default 7 days) of now, or in the future: at most the pushes of one retention period,
/// about 100 bytes each. Older keys are dropped as the index grows (amortised, when it has
/// doubled since the last sweep), and lines already older than the retention are never
/// indexed. A push whose own `startTime` lies before the retention is looked up by reading
/// the whole file instead (see ``covers(startTime:now:)``), so forgetting costs a read, not a
/// duplicate. Lines appended by anyone are indexed as the appender reads past them.
struct PushKeyIndex {
    /// How long after its start time a key is kept, in milliseconds.
    let retentionMilliseconds: Int64
    /// The offset just past the last line read.
    private(set) var scannedOffset: Int64 = 0
    /// How many lines were read.
    private(set) var scannedLines = 0
    private var startTimes: [String: Int64] = [:]
    private var sweepAtCount = Self.smallestSweepCount

    private static let smallestSweepCount = 1024

    /// An empty index keeping keys for `retentionMilliseconds` after their start time.
    init(retentionMilliseconds: Int64) {
        self.retentionMilliseconds = retentionMilliseconds
    }

    /// The number of keys held.
    var count: Int { startTimes.count }

    /// Whether the file holds `key`, as far as it was read, among the keys still kept.
    func contains(_ key: String) -> Bool {
        startTimes[key] != nil
    }

    /// Whether a key whose push starts at `startTime` would still be kept at `now`; when it
    /// would not, a miss in the index says nothing and the file must be read.
    func covers(startTime: Int64, now: Int64) -> Bool {
        startTime >= now - retentionMilliseconds
    }

    /// Records the line numbered `lineNumber`, holding `push` and ending at `end`, read or written.
    mutating func record(_ push: Push, lineNumber: Int, end: Int64, now: Int64) {
        scannedOffset = end
        scannedLines = lineNumber
        guard covers(startTime: push.startTime, now: now) else { return }
        startTimes[push.idempotencyKey] = push.startTime
        if startTimes.count >= sweepAtCount {
            let horizon = now - retentionMilliseconds
            startTimes = startTimes.filter { $0.value >= horizon }
            sweepAtCount = max(Self.smallestSweepCount, 2 * startTimes.count)
        }
    }

    /// Forgets everything: the file was replaced or shrank, and is read again from its start.
    mutating func reset() {
        self = PushKeyIndex(retentionMilliseconds: retentionMilliseconds)
    }
}

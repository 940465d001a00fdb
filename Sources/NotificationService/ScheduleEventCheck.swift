import GRDB
import PinitProtos
import PostgresClient
import ProtoCodec

/// Tells an event that can never be applied from a failure worth retrying.
///
/// An event is set aside (recorded, logged once, acknowledged, never retried) only on positive
/// evidence that the event itself is at fault, because retrying it would fail the same way
/// forever and hold up every event behind it:
/// - it breaks the event contract (``problem(in:)``): an id, schedule or owner missing, a
///   version below 1, a state or kind the schema does not name, a start time missing or outside
///   the Timestamp range (0001-01-01 to 9999-12-31, nanos 0–999,999,999; a larger one overflowed
///   the millisecond conversion and crashed the service on every resend);
/// - the database refused its values (``isCausedByValues(_:)-(DatabaseError)``): SQLite's
///   `SQLITE_CONSTRAINT`, `SQLITE_MISMATCH` or `SQLITE_TOOBIG`; PostgreSQL's SQLSTATE classes 22
///   (data exception) and 23 (integrity constraint violation), and text holding U+0000, which
///   PostgreSQL cannot store (``textPostgreSQLCannotHold(in:)``).
///
/// Every other error (`SQLITE_BUSY`, `SQLITE_LOCKED`, `SQLITE_IOERR`, `SQLITE_FULL`,
/// `SQLITE_NOMEM`, a lost connection, a deadlock, a closed database, anything unknown) is about the database or the machine,
/// not the event: it fails the stream, the transaction rolls back, and the relay resends the
/// burst. Unknown errors count as transient so that an environment problem can never make the
/// service drop events; at worst such an event is retried with backoff and logged.
enum ScheduleEventCheck {
    /// The first seconds of 0001-01-01 and the last of 9999-12-31 (google.protobuf.Timestamp's range).
    static let timestampSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// What makes `event` impossible to apply, or `nil` when it keeps the event contract.
    static func problem(in event: Pinit_V1_ScheduleEvent) -> String? {
        if event.eventId.isEmpty { return "event_id is empty" }
        if event.scheduleId.isEmpty { return "schedule_id is empty" }
        if event.ownerId.isEmpty { return "owner_id is empty" }
        if event.version < 1 { return "version \(event.version) is below 1" }
        if case .unrecognized(let number) = event.state { return "state \(number) is not a ScheduleState" }
        switch event.kind {
        case .unspecified: return "kind is unspecified"
        case .unrecognized(let number): return "kind \(number) is not a ScheduleEventKind"
        default: break
        }
        guard let start = event.startTime else { return "start_time is missing" }
        guard timestampSeconds.contains(start.seconds), (0..<1_000_000_000).contains(start.nanos) else {
            return "start_time (seconds \(start.seconds), nanos \(start.nanos)) is outside the Timestamp range"
        }
        return nil
    }

    /// Whether SQLite refused the statement because of the values it was given.
    static func isCausedByValues(_ error: DatabaseError) -> Bool {
        [.SQLITE_CONSTRAINT, .SQLITE_MISMATCH, .SQLITE_TOOBIG].contains(error.resultCode)
    }

    /// Whether PostgreSQL refused the statement because of the values it was given.
    static func isCausedByValues(_ error: PostgresError) -> Bool {
        guard error.kind == .server, let errorClass = error.sqlState?.errorClass else { return false }
        return errorClass == "22" || errorClass == "23"
    }

    /// The first text field of `event` holding U+0000, which a PostgreSQL `text` value cannot
    /// hold (and a C-string parameter would cut short), or `nil` when there is none.
    static func textPostgreSQLCannotHold(in event: Pinit_V1_ScheduleEvent) -> String? {
        let fields = [
            ("event_id", event.eventId), ("schedule_id", event.scheduleId), ("owner_id", event.ownerId),
            ("title", event.title),
        ]
        return fields.first { $0.1.utf8.contains(0) }.map { "\($0.0) contains U+0000" }
    }
}

import Foundation
import PinitProtos
import PostgresClient
import ProtoCodec

extension PostgresScheduleStore {
    /// The schema's versions, applied by ``open(configuration:maxConnections:logger:)`` under
    /// `PostgresPool.migrate`'s advisory lock (component `task-service`).
    static let migrations = [
        PostgresMigration(
            version: 1, name: "schedules, outbox and create request ids",
            statements: [
                """
                CREATE TABLE schedules (
                    id text PRIMARY KEY, owner_id text NOT NULL, title text NOT NULL,
                    start_ms bigint NOT NULL, state integer NOT NULL, version bigint NOT NULL)
                """,
                "CREATE INDEX schedules_owner ON schedules (owner_id, start_ms)",
                """
                CREATE TABLE outbox (
                    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text NOT NULL UNIQUE,
                    schedule_id text NOT NULL, payload bytea NOT NULL, acknowledged_ms bigint)
                """,
                "CREATE INDEX outbox_acknowledged ON outbox (acknowledged_ms) WHERE acknowledged_ms IS NOT NULL",
                """
                CREATE TABLE create_requests (
                    owner_id text NOT NULL, request_id text NOT NULL, schedule_id text NOT NULL,
                    title text NOT NULL, start_ms bigint NOT NULL, created_ms bigint NOT NULL,
                    PRIMARY KEY (owner_id, request_id))
                """,
                "CREATE INDEX create_requests_time ON create_requests (created_ms)",
            ]),
        PostgresMigration(
            version: 2, name: "outbox claims for several relays",
            statements: [
                "ALTER TABLE outbox ADD COLUMN claimed_by text, ADD COLUMN claimed_until_ms bigint",
                "CREATE INDEX outbox_pending ON outbox (sequence) WHERE acknowledged_ms IS NULL",
            ]),
    ]

    /// The channel a committing transaction notifies and every store listens to.
    static let channel = "pinit_task_outbox"

    /// A schedule from a row of `schedules`.
    static func schedule(from row: PostgresRow) throws -> Pinit_V1_Schedule {
        var schedule = Pinit_V1_Schedule()
        schedule.id = try row.decode("id")
        schedule.ownerId = try row.decode("owner_id")
        schedule.title = try row.decode("title")
        schedule.startTime = Google_Protobuf_Timestamp(milliseconds: try row.decode("start_ms"))
        schedule.state = Pinit_V1_ScheduleState(rawValue: try row.decode("state", as: Int32.self))
        schedule.version = try row.decode("version")
        return schedule
    }

    /// An outbox entry from a row with `sequence`, `payload` and `acknowledged_ms`.
    static func entry(from row: PostgresRow) throws -> OutboxEntry {
        OutboxEntry(
            sequence: try row.decode("sequence"),
            event: try Pinit_V1_ScheduleEvent(serializedData: try row.decode("payload", as: Data.self)),
            acknowledgedAt: try row.decode("acknowledged_ms"))
    }

    /// The parameters of a schedule's row, in the column order of `schedules`.
    static func columns(of schedule: Pinit_V1_Schedule) -> [PostgresValue] {
        [
            .text(schedule.id), .text(schedule.ownerId), .text(schedule.title),
            .int(schedule.startTime?.milliseconds ?? 0),
            .int(Int64(schedule.state.rawValue)), .int(schedule.version),
        ]
    }

    /// `values` as a PostgreSQL text array literal (`{"a","b"}`), for `= ANY($1::text[])`.
    static func textArray(_ values: [String]) -> PostgresValue {
        let elements = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return .text("{" + elements.joined(separator: ",") + "}")
    }
}

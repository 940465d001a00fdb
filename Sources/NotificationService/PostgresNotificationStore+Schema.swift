import PostgresClient

extension PostgresNotificationStore {
    /// The schema, one step per change, applied by ``init(pool:leaseClock:)`` under
    /// `PostgresPool.migrate`'s advisory lock (replicas starting together migrate once).
    ///
    /// The tables mirror ``SQLiteNotificationStore``'s, with PostgreSQL's types (`boolean`,
    /// `bytea`, `bigint` milliseconds) and an identity column `seq` where SQLite's `rowid`
    /// orders rows that share a timestamp.
    public static let migrations = [
        PostgresMigration(
            version: 1, name: "events, schedules, jobs, devices, notifications, set-aside events",
            statements: [
                "CREATE SCHEMA notification_service",
                """
                CREATE TABLE notification_service.received_events (
                    event_id text PRIMARY KEY, schedule_id text NOT NULL, version bigint NOT NULL,
                    applied boolean NOT NULL, received_ms bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY)
                """,
                """
                CREATE TABLE notification_service.schedules (
                    id text PRIMARY KEY, owner_id text NOT NULL, title text NOT NULL,
                    start_ms bigint NOT NULL, state integer NOT NULL, version bigint NOT NULL)
                """,
                """
                CREATE TABLE notification_service.jobs (
                    schedule_id text PRIMARY KEY, notification_id text NOT NULL, due_ms bigint NOT NULL,
                    pending boolean NOT NULL, version bigint NOT NULL,
                    lease_owner text, lease_token text, lease_until_ms bigint,
                    send_attempts integer NOT NULL DEFAULT 0, confirm_failures integer NOT NULL DEFAULT 0,
                    next_attempt_ms bigint NOT NULL DEFAULT 0, push_body bytea, last_error text)
                """,
                """
                CREATE TABLE notification_service.devices (
                    token text PRIMARY KEY, owner_id text NOT NULL, registered_ms bigint NOT NULL)
                """,
                """
                CREATE TABLE notification_service.notifications (
                    notification_id text PRIMARY KEY, schedule_id text NOT NULL, owner_id text NOT NULL,
                    title text NOT NULL, start_ms bigint NOT NULL, outcome integer NOT NULL,
                    reason text NOT NULL, decided_ms bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY)
                """,
                """
                CREATE TABLE notification_service.set_aside_events (
                    event_id text PRIMARY KEY, schedule_id text NOT NULL, version bigint NOT NULL,
                    reason text NOT NULL, payload bytea NOT NULL, set_aside_ms bigint NOT NULL,
                    seq bigint GENERATED ALWAYS AS IDENTITY)
                """,
            ]),
        PostgresMigration(
            version: 2, name: "indexes for claiming, leases, devices and retention",
            statements: [
                "CREATE INDEX jobs_due ON notification_service.jobs (due_ms) WHERE pending",
                "CREATE INDEX jobs_retired ON notification_service.jobs (due_ms) WHERE NOT pending",
                "CREATE INDEX jobs_lease_owner ON notification_service.jobs (lease_owner) WHERE lease_owner IS NOT NULL",
                "CREATE INDEX devices_owner ON notification_service.devices (owner_id)",
                "CREATE INDEX notifications_owner ON notification_service.notifications (owner_id, decided_ms)",
                "CREATE INDEX notifications_time ON notification_service.notifications (decided_ms)",
                "CREATE INDEX received_events_time ON notification_service.received_events (received_ms)",
                "CREATE INDEX set_aside_events_time ON notification_service.set_aside_events (set_aside_ms)",
            ]),
        PostgresMigration(
            version: 3, name: "devices with kinds: FCM tokens, Web Push subscriptions",
            statements: [
                "ALTER TABLE notification_service.devices ADD COLUMN device bytea"
            ]),
    ]
}

/// SQL for the database server's clock, the one clock every replica of a service shares (for
/// leases and claims), rather than each machine's own.
public enum PostgresServerClock {
    /// The server's time now, in milliseconds since the Unix epoch, as a `bigint` expression
    /// (`clock_timestamp()`, which moves during a statement, unlike `now()`).
    public static let milliseconds = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
}

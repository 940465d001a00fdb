#if canImport(Glibc)
import Glibc
#endif

/// The clock SQLite leases are measured on: milliseconds of `CLOCK_BOOTTIME`, which only moves
/// forward, at the same rate in every process of one machine, and is not stepped by NTP or an
/// operator setting the wall clock. A lease therefore neither fires early nor outlives its
/// worker when the wall clock jumps. (Replicas on several machines share no such clock; the
/// PostgreSQL store measures leases on the database server's, see ``PostgresNotificationStore``.)
///
/// The clock restarts from zero at boot; a lease stamped before a reboot would then look far in
/// the future. Stores treat a lease ending later than `now + lease` as expired (no lease is
/// ever granted for longer), which retires such leases at once.
public enum LeaseClock {
    /// Milliseconds since boot, suspended time included.
    @Sendable public static func bootTime() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

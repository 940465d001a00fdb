import PinitProtos

/// What one pass did with a claimed job.
public enum JobOutcome: Sendable, Hashable {
    /// The notification was decided and recorded: sent, suppressed or failed, with the reason.
    case decided(Pinit_V1_NotificationOutcome, reason: String)
    /// The job waits for a later try (the state could not be confirmed, or delivery failed).
    case postponed(reason: String)
    /// The task service reported a new start time; the job is now that time's notification.
    case moved(start: Int64)
    /// The claim's lease expired or was taken over before the outcome could be recorded.
    case leaseLost
}

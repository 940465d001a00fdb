import Foundation

/// A notification due at a schedule's start time, claimed by one worker under a lease.
public struct NotificationJob: Sendable, Hashable {
    /// Stable id of the notification (schedule id and start time); the push's idempotency key.
    public var notificationID: String
    /// The schedule it reminds of.
    public var scheduleID: String
    /// The user to notify.
    public var ownerID: String
    /// The schedule's title.
    public var title: String
    /// The start time, milliseconds since the epoch.
    public var dueAt: Int64
    /// The schedule version the job was made for.
    public var version: Int64
    /// The claim's fencing token: every store call for this claim names it, and a claim by
    /// another worker replaces it.
    public var leaseToken: String
    /// Delivery attempts that failed so far.
    public var sendAttempts: Int
    /// Times the schedule's state could not be confirmed so far.
    public var confirmFailures: Int
    /// The push as stored at the first delivery attempt (every retry sends these bytes), or
    /// `nil` before the first attempt.
    public var storedPush: Data?

    /// Creates a job.
    public init(
        notificationID: String, scheduleID: String, ownerID: String, title: String, dueAt: Int64, version: Int64,
        leaseToken: String, sendAttempts: Int = 0, confirmFailures: Int = 0, storedPush: Data? = nil
    ) {
        self.notificationID = notificationID
        self.scheduleID = scheduleID
        self.ownerID = ownerID
        self.title = title
        self.dueAt = dueAt
        self.version = version
        self.leaseToken = leaseToken
        self.sendAttempts = sendAttempts
        self.confirmFailures = confirmFailures
        self.storedPush = storedPush
    }

    /// The notification id of schedule `scheduleID` starting at `start` (ms since the epoch):
    /// a new start time is a new notification.
    public static func notificationID(scheduleID: String, start: Int64) -> String {
        "ntf-\(scheduleID)-\(start)"
    }
}

/// When and why a claimed job is tried again later.
public struct JobPostponement: Sendable, Hashable {
    /// The earliest next try, milliseconds since the epoch.
    public var notBefore: Int64
    /// Delivery attempts that failed so far.
    public var sendAttempts: Int
    /// Failed confirmations so far.
    public var confirmFailures: Int
    /// The last failure, for the logs and the audit.
    public var reason: String

    /// Creates a postponement.
    public init(notBefore: Int64, sendAttempts: Int, confirmFailures: Int, reason: String) {
        self.notBefore = notBefore
        self.sendAttempts = sendAttempts
        self.confirmFailures = confirmFailures
        self.reason = reason
    }
}

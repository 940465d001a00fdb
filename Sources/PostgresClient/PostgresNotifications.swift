import Foundation
import CLibPQ

/// A notification sent with `NOTIFY channel, 'payload'` (or `pg_notify`) to a channel this
/// connection listens to.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel's name.
    public let channel: String
    /// The payload (empty when none was given).
    public let payload: String
    /// The process ID of the server process of the session that sent it.
    public let senderProcessID: Int32
}

/// The notifications arriving on a connection, as an async sequence.
///
/// Each `next()` holds the connection until a notification arrives, so give the listening a
/// connection of its own (not a pooled one). Notifications that arrived while the connection
/// ran statements are delivered first. The sequence ends (returns `nil`) when the iterating task
/// is cancelled; it throws ``PostgresError`` of kind ``PostgresError/Kind/connectionLost`` when
/// the connection breaks.
public struct PostgresNotifications: AsyncSequence, Sendable {
    /// A notification.
    public typealias Element = PostgresNotification

    let connection: PostgresConnection

    /// Iterates the notifications.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let connection: PostgresConnection

        /// The next notification, waiting for it; `nil` once the task is cancelled.
        ///
        /// - Throws: ``PostgresError`` when the connection breaks or is closed.
        public mutating func next() async throws -> PostgresNotification? {
            try await connection.nextNotification()
        }
    }

    /// An iterator over the notifications.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(connection: connection) }
}

extension PostgresConnection {
    /// Starts listening to `channel` (`LISTEN`); its notifications arrive through ``notifications()``.
    ///
    /// - Throws: ``PostgresError`` when the connection is lost.
    public func listen(_ channel: String) async throws {
        try await query("LISTEN \(Self.quotedIdentifier(channel))")
    }

    /// Stops listening to `channel` (`UNLISTEN`).
    ///
    /// - Throws: ``PostgresError`` when the connection is lost.
    public func unlisten(_ channel: String) async throws {
        try await query("UNLISTEN \(Self.quotedIdentifier(channel))")
    }

    /// Sends a notification to `channel` (`pg_notify`); inside a transaction it is delivered at
    /// commit.
    ///
    /// - Throws: ``PostgresError`` when the server refuses it or the connection is lost.
    public func notify(_ channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The notifications of the channels this connection listens to.
    public func notifications() -> PostgresNotifications { PostgresNotifications(connection: self) }

    /// The next notification, waiting for the socket until one arrives; `nil` on cancellation.
    func nextNotification() async throws -> PostgresNotification? {
        await access.acquire()
        defer { access.release() }
        while true {
            try ensureOpen()
            if let raw = PQnotifies(handle) {
                defer { PQfreemem(raw) }
                return PostgresNotification(
                    channel: String(cString: raw.pointee.relname), payload: String(cString: raw.pointee.extra),
                    senderProcessID: raw.pointee.be_pid)
            }
            do {
                _ = try await waitForSocket(.readable, cancellable: true)
            } catch is CancellationError {
                return nil
            }
            guard PQconsumeInput(handle) == 1 else { throw lostConnection() }
        }
    }

    /// `name` as a double-quoted SQL identifier (inner quotes doubled).
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

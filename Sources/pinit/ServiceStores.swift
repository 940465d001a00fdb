import Foundation
import Logging
import NotificationService
import PostgresClient
import TaskService

/// Both services' stores opened from outside the services, to audit a run or follow one.
struct ServiceStores {
    /// The task service's schedules and outbox.
    let tasks: any ScheduleStore
    /// The notification service's events, jobs and notifications.
    let notifications: any NotificationStore

    /// Opens both stores in the PostgreSQL database `postgres`, or SQLite in the data
    /// directories when it is `nil`.
    ///
    /// - Throws: when a database cannot be opened.
    static func open(postgres: PostgresConfiguration?, taskData: URL, notificationData: URL) async throws
        -> ServiceStores
    {
        guard let postgres else {
            return ServiceStores(
                tasks: try SQLiteScheduleStore(directory: taskData),
                notifications: try SQLiteNotificationStore(directory: notificationData))
        }
        // The stores' own reports (a lost LISTEN connection during a database restart) are
        // the services' business; here only errors matter.
        var logger = Logger(label: "pinit.stores")
        logger.logLevel = .error
        let tasks = try await PostgresScheduleStore.open(configuration: postgres, maxConnections: 2, logger: logger)
        do {
            return ServiceStores(
                tasks: tasks,
                notifications: try await PostgresNotificationStore.open(configuration: postgres, maxConnections: 2))
        } catch {
            try? await tasks.close()
            throw error
        }
    }

    /// Closes both.
    func close() async throws {
        try await tasks.close()
        try await notifications.close()
    }

    /// Runs `body` with the stores, closing them afterwards whether it threw or not.
    func use<T>(_ body: (ServiceStores) async throws -> T) async throws -> T {
        let value: T
        do {
            value = try await body(self)
        } catch {
            try? await close()
            throw error
        }
        try await close()
        return value
    }
}

import Foundation
import NotificationService
import TaskService

/// Both services' stores opened by the scale run itself, to follow progress and audit.
struct ScaleStores {
    let tasks: any ScheduleStore
    let notifications: any NotificationStore

    /// Opens the stores in PostgreSQL at `databaseURL`, or SQLite in the data directories.
    static func open(databaseURL: String?, taskData: URL, notificationData: URL) async throws -> ScaleStores {
        ScaleStores(
            tasks: try SQLiteScheduleStore(directory: taskData),
            notifications: try SQLiteNotificationStore(directory: notificationData))
    }

    /// Closes both.
    func close() async throws {
        try await tasks.close()
        try await notifications.close()
    }
}

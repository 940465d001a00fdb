import GRPCHealth
import PinitProtos

/// The descriptors each pinit service offers through server reflection, so that `rpccurl` and
/// grpcurl can list and call it without `.proto` files: the service's file, its imports, and
/// the health protocol it also serves.
enum ReflectedFiles {
    /// `grpc/health/v1/health.proto`.
    static let health = [Grpc_Health_V1_Health_FileDescriptor.serialized]
        + Grpc_Health_V1_Health_FileDescriptor.dependencies

    /// `pinit/v1/task_service.proto` with its imports, and health.
    static let taskService = [Pinit_V1_TaskService_FileDescriptor.serialized]
        + Pinit_V1_TaskService_FileDescriptor.dependencies + health

    /// `pinit/v1/notification_service.proto` with its imports, and health.
    static let notificationService = [Pinit_V1_NotificationService_FileDescriptor.serialized]
        + Pinit_V1_NotificationService_FileDescriptor.dependencies + health
}

import RPCCore

/// The serving status a health check reports for a service.
public typealias ServingStatus = Grpc_Health_V1_HealthCheckResponse.ServingStatus

/// The standard gRPC health service, `grpc.health.v1.Health`, reporting the serving status
/// the application sets for each of its services.
///
/// The empty service name stands for the server as a whole and starts as SERVING. Register
/// it like any generated service:
///
/// ```swift
/// let health = HealthService()
/// health.registerMethods(with: &router)
/// health.setStatus(.serving, forService: "pinit.v1.ScheduleService")
/// ```
///
/// - `Check` answers with the current status, or fails with NOT_FOUND for a service that
///   has none.
/// - `Watch` sends the current status at once (SERVICE_UNKNOWN for a service that has none),
///   then one message for every change, until the client cancels or ``shutDown()`` ends it.
public final class HealthService: Grpc_Health_V1_Health.ServiceProtocol {
    let board: ServingStatusBoard

    /// Creates a service knowing only the server as a whole (the empty name), as SERVING.
    public init() {
        board = ServingStatusBoard(statuses: ["": .serving])
    }

    /// Sets the status of `service` (the empty name: the whole server); open watches of it
    /// receive the new status when it differs from the old one.
    public func setStatus(_ status: ServingStatus, forService service: String) {
        board.set(status, for: service)
    }

    /// Forgets `service`: `Check` fails with NOT_FOUND for it again, and its watchers
    /// receive SERVICE_UNKNOWN.
    public func removeStatus(forService service: String) {
        board.set(nil, for: service)
    }

    /// The status set for `service`, `nil` when it has none.
    public func status(forService service: String) -> ServingStatus? {
        board.status(of: service)
    }

    /// For a server shutting down: sets every service to NOT_SERVING, sends that to every
    /// watcher, then ends every `Watch` with UNAVAILABLE (so graceful shutdown is not held up
    /// by watches) and ignores later status changes.
    public func shutDown() {
        board.shutDown()
    }

    /// Answers `Check`.
    ///
    /// - Throws: ``RPCError`` with NOT_FOUND when the service has no status.
    public func check(request: ServerRequest<Grpc_Health_V1_HealthCheckRequest>, context: ServerContext) async throws
        -> ServerResponse<Grpc_Health_V1_HealthCheckResponse>
    {
        let service = request.message.service
        guard let status = board.status(of: service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(service)'")
        }
        return ServerResponse(message: Grpc_Health_V1_HealthCheckResponse(status: status))
    }

    /// Answers `Watch`: the current status, then each change.
    ///
    /// Ends with CANCELLED when the client cancels, UNAVAILABLE after ``shutDown()``.
    public func watch(request: ServerRequest<Grpc_Health_V1_HealthCheckRequest>, context: ServerContext) async throws
        -> StreamingServerResponse<Grpc_Health_V1_HealthCheckResponse>
    {
        let updates = board.watch(request.message.service)
        return StreamingServerResponse { writer in
            for await status in updates {
                try await writer.write(Grpc_Health_V1_HealthCheckResponse(status: status))
            }
            try Task.checkCancellation()
            throw RPCError(code: .unavailable, message: "the health service is shutting down")
        }
    }
}

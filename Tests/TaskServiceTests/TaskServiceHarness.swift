import Foundation
import InProcessTransport
import PinitProtos
import RPCCore
import TaskService

/// Runs `body` against a task service on a fresh store of `kind` over the in-process transport,
/// then shuts both ends down and closes the store.
///
/// - Parameter clock: the handler's clock in milliseconds since the epoch (the real time by default).
func withService(
    _ kind: StoreKind, clock: (@Sendable () -> Int64)? = nil,
    _ body: (Pinit_V1_TaskService.Client<InProcessClientTransport>, any ScheduleStore) async throws -> Void
) async throws {
    let store = try await kind.makeStore()
    do {
        try await withInProcessClient({ router in
            if let clock {
                ScheduleServiceHandler(store: store, clock: clock).registerMethods(with: &router)
            } else {
                ScheduleServiceHandler(store: store).registerMethods(with: &router)
            }
        }) { client in
            try await body(Pinit_V1_TaskService.Client(wrapping: client), store)
        }
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}

/// Serves what `register` registers over the in-process transport while `body` runs with a
/// client of it, then shuts both ends down.
func withInProcessClient(
    _ register: (inout RPCRouter<InProcessServerTransport>) -> Void,
    _ body: (RPCClient<InProcessClientTransport>) async throws -> Void
) async throws {
    let serverTransport = InProcessServerTransport()
    var router = RPCRouter<InProcessServerTransport>()
    register(&router)
    let server = RPCServer(transport: serverTransport, router: router)
    let client = RPCClient(transport: InProcessClientTransport(server: serverTransport))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        group.addTask { try await client.run() }
        let outcome: Result<Void, any Error>
        do {
            try await body(client)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        client.beginGracefulShutdown()
        server.beginGracefulShutdown()
        try await group.waitForAll()
        try outcome.get()
    }
}

/// The status code `body` ended with: `nil` when it returned, the RPC error's code when it threw one.
func code(_ body: () async throws -> Void) async -> StatusCode? {
    do {
        try await body()
        return nil
    } catch {
        return (error as? RPCError)?.code
    }
}

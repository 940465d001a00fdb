import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import ProtocSupport
import RPCCore
import Testing

@Suite("pinit task service on PostgreSQL", .temporaryPostgres)
struct PostgresReplicaTests {
    private func create(_ client: RPCClient<HTTP2ClientTransport>, title: String) async throws -> Pinit_V1_Schedule {
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = "alice"
        request.title = title
        request.startTime = Google_Protobuf_Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000)
        return try await Pinit_V1_TaskService.Client(wrapping: client).createSchedule(ClientRequest(message: request))
            .message
    }

    private func get(_ client: RPCClient<HTTP2ClientTransport>, _ id: String) async throws -> Pinit_V1_Schedule {
        var request = Pinit_V1_GetScheduleRequest()
        request.scheduleId = id
        return try await Pinit_V1_TaskService.Client(wrapping: client).getSchedule(ClientRequest(message: request))
            .message
    }

    @Test(
        "two task-service processes given one --database share their schedules, keep serving across a database restart, and exit 0 on SIGTERM",
        .timeLimit(.minutes(1)))
    func replicasShareOneDatabase() async throws {
        let cluster = try #require(TemporaryPostgres.current)
        let url = try await cluster.createDatabase()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-pg-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let replicas = (0..<2).map { index in
            PinitProcess(
                name: "task-service", dataDirectory: root.appendingPathComponent("task\(index)"),
                arguments: ["--database", url, "--notification-address", "127.0.0.1:1"])
        }
        for replica in replicas { try await replica.start() }
        let clients = replicas.map {
            RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: $0.port)))
        }

        let first = try await create(clients[0], title: "before")
        #expect(try await get(clients[1], first.id) == first)
        try await cluster.restart()
        let second = try await create(clients[1], title: "after")
        #expect(try await get(clients[0], second.id) == second)

        for client in clients { client.beginGracefulShutdown() }
        for replica in replicas { #expect(await replica.stop(signal: SIGTERM) == 0) }
        let log = try String(contentsOf: replicas[0].logFile, encoding: .utf8)
        #expect(log.contains("database=postgres://pgtest@127.0.0.1:\(cluster.port)/"), "\(log)")
        #expect(!log.contains(" error "), "\(log)")
    }
}

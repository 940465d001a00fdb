import Logging
import Synchronization
import Testing
import RPCCore
import InProcessTransport

/// Keeps every message logged through it.
struct RecordingLogHandler: LogHandler {
    final class Records: Sendable {
        let lines = Mutex<[String]>([])
    }

    let records: Records
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let method = event.metadata?["rpc.method"].map { " \($0)" } ?? ""
        let status = event.metadata?["rpc.status"].map { " \($0)" } ?? ""
        records.lines.withLock { $0.append("\(event.message)\(method)\(status)") }
    }
}

@Suite("logging")
struct LoggingTests {
    @Test("calls log their start and end at debug level, with the method and status")
    func debugEvents() async throws {
        let records = RecordingLogHandler.Records()
        let logger = Logger(label: "test") { _ in RecordingLogHandler(records: records, logLevel: .debug) }
        let serverTransport = InProcessServerTransport()
        var router = Router()
        CallKindsTests.registerEcho(&router)
        let server = RPCServer(transport: serverTransport, router: router, logger: logger)
        let client = RPCClient(transport: InProcessClientTransport(server: serverTransport), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await client.run() }
            _ = try await client.unary(
                request: ClientRequest(message: Echo("x")), descriptor: Methods.unary, responseType: Echo.self)
            client.beginGracefulShutdown()
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
        let lines = records.lines.withLock { $0 }
        #expect(lines.contains("rpc started /rpctest.EchoService/Get"))
        #expect(lines.contains("rpc received /rpctest.EchoService/Get"))
        #expect(lines.contains("rpc finished /rpctest.EchoService/Get OK (0)"))
        #expect(lines.contains("rpc finished /rpctest.EchoService/Get OK"))
    }

    @Test("nothing is logged above the handler's level")
    func quietAtInfo() async throws {
        let records = RecordingLogHandler.Records()
        let logger = Logger(label: "test") { _ in RecordingLogHandler(records: records, logLevel: .info) }
        try await withServer(CallKindsTests.registerEcho) { client in
            let quiet = RPCClient(transport: client.transport, logger: logger)
            _ = try await quiet.unary(
                request: ClientRequest(message: Echo("x")), descriptor: Methods.unary, responseType: Echo.self)
        }
        #expect(records.lines.withLock { $0 }.isEmpty)
    }
}

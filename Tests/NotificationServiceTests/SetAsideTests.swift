import Foundation
import GRDB
import InProcessTransport
@testable import NotificationService
import PinitProtos
import PostgresClient
import ProtoCodec
import ProtocSupport
import RPCCore
import Testing

@Suite("No poison event: an event that can never be applied is set aside", .sharedTemporaryPostgres)
struct SetAsideTests {
    /// An event from raw wire bytes: the generated decoder accepts it, the service cannot
    /// apply it. Field 6 is start_time (seconds 10^17, whose milliseconds overflow Int64);
    /// field 5 is state 99, a number ScheduleState does not name.
    private func malformed(_ id: String, state: Int) throws -> Pinit_V1_ScheduleEvent {
        var bytes: [UInt8] = [0x0A, UInt8(id.utf8.count)] + Array(id.utf8)
        bytes += [0x12, 0x01, UInt8(ascii: "m"), 0x1A, 0x01, UInt8(ascii: "o"), 0x20, 0x01, 0x48, 0x01]
        bytes += [0x28, UInt8(state)]
        let start: [UInt8] = [0x08] + varint(100_000_000_000_000_000)
        bytes += [0x32, UInt8(start.count)] + start
        return try Pinit_V1_ScheduleEvent(serializedBytes: bytes)
    }

    private func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    @Test(
        "a start time that overflows milliseconds is set aside with its reason; the events behind it apply; a replay is a duplicate",
        arguments: StoreKind.allCases)
    func overflowingStartTime(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let bad = try malformed("bad", state: 1)
        #expect(bad.startTime?.seconds == 100_000_000_000_000_000)
        let results = try await store.apply(
            [event("e1", version: 1), bad, event("e2", version: 2, start: 20_000, kind: .rescheduled)], at: 5)
        #expect(results.count == 3)
        #expect(results[0] == .applied && results[2] == .applied)
        guard case .setAside(let reason) = results[1] else {
            Issue.record("not set aside: \(results[1])")
            return
        }
        #expect(reason.contains("start_time"))
        #expect(try await store.apply(bad, at: 6) == .duplicate)
        let setAside = try await store.setAsideEvents()
        #expect(setAside.map(\.eventID) == ["bad"])
        #expect(setAside.first?.setAsideAt == 5)
        #expect(try await store.receivedEvents().map(\.eventID) == ["e1", "e2"])
        try await store.close()
    }

    @Test("contract breaks are named: missing ids, version below 1, unknown state or kind, no start time")
    func contractBreaks() {
        var noStart = event("x", version: 1)
        noStart.startTime = nil
        var unknownKind = event("x", version: 1)
        unknownKind.kind = .unrecognized(42)
        let cases: [(Pinit_V1_ScheduleEvent, String)] = [
            (event("", version: 1), "event_id"), (event("x", schedule: "", version: 1), "schedule_id"),
            (event("x", owner: "", version: 1), "owner_id"), (event("x", version: 0), "version"),
            (event("x", version: 1, state: .unrecognized(99)), "state 99"), (unknownKind, "kind 42"),
            (event("x", version: 1, kind: .unspecified), "kind"), (noStart, "start_time"),
        ]
        for (item, word) in cases {
            #expect(ScheduleEventCheck.problem(in: item)?.contains(word) == true, "\(item)")
        }
        #expect(ScheduleEventCheck.problem(in: event("x", version: 1)) == nil)
    }

    @Test(
        "only errors about the values set an event aside; busy, I/O, full disk, deadlocks and lost connections do not")
    func valueErrorsOnly() {
        #expect(ScheduleEventCheck.isCausedByValues(DatabaseError(resultCode: .SQLITE_CONSTRAINT)))
        for code in [ResultCode.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_NOMEM] {
            #expect(!ScheduleEventCheck.isCausedByValues(DatabaseError(resultCode: code)), "\(code)")
        }
        func server(_ code: String) -> PostgresError {
            PostgresError(kind: .server, sqlState: SQLState(rawValue: code), message: code)
        }
        for code in ["23505", "23514", "22001", "22021"] {
            #expect(ScheduleEventCheck.isCausedByValues(server(code)), "\(code)")
        }
        for code in ["40P01", "40001", "53100", "53200", "57P01", "25P02"] {
            #expect(!ScheduleEventCheck.isCausedByValues(server(code)), "\(code)")
        }
        #expect(
            !ScheduleEventCheck.isCausedByValues(
                PostgresError(kind: .connectionLost, message: "server closed the connection")))
    }

    @Test("a database failure is transient: it fails the call and sets nothing aside", arguments: StoreKind.allCases)
    func transientFailure(_ kind: StoreKind) async throws {
        let location = try await kind.newLocation()
        let store = try await kind.open(location)
        try await store.close()
        await #expect(throws: (any Error).self) { _ = try await store.apply(event("e1", version: 1), at: 0) }
        let reopened = try await kind.open(location)
        #expect(try await reopened.setAsideEvents().isEmpty)
        #expect(try await reopened.receivedEvents().isEmpty)
        try await reopened.close()
    }

    @Test(
        "through SyncEvents: the malformed event is acknowledged (not applied), logged once, and the next event applies",
        arguments: StoreKind.allCases)
    func throughTheHandler(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let lines = RecordingLogHandler.Lines()
        let serverTransport = InProcessServerTransport()
        var router = RPCRouter<InProcessServerTransport>()
        NotificationServiceHandler(store: store, logger: RecordingLogHandler.logger(recordingInto: lines))
            .registerMethods(with: &router)
        let server = RPCServer(transport: serverTransport, router: router)
        let client = RPCClient(transport: InProcessClientTransport(server: serverTransport))
        let sent = [try malformed("bad", state: 99), event("good", version: 1)]
        var acks: [Pinit_V1_EventAck] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await client.run() }
            for _ in 0..<2 {
                let request = StreamingClientRequest<Pinit_V1_ScheduleEvent> { writer in
                    try await writer.write(contentsOf: sent)
                }
                acks += try await Pinit_V1_NotificationService.Client(wrapping: client).syncEvents(request) {
                    response in
                    try await response.messages.reduce(into: []) { $0.append($1) }
                }
            }
            client.beginGracefulShutdown()
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
        #expect(acks.map(\.eventId) == ["bad", "good", "bad", "good"])
        #expect(acks.map(\.applied) == [false, true, false, false])
        #expect(lines.all.filter { $0.contains("set aside") }.count == 1, "\(lines.all)")
        #expect(try await store.setAsideEvents().first?.reason.contains("state 99") == true)
        try await store.close()
    }
}

import Foundation
import NotificationService
import PinitProtos
import ProtocSupport
import Testing

/// A one-file HTTP/1.1 push provider in Python answering POSTs with the statuses given on its
/// command line in turn (`429:2` is 429 with `Retry-After: 2`; the last one repeats); it logs
/// `PORT n` first, then each request's body on a line.
private let scriptedProvider = """
    import http.server, sys
    log = open(sys.argv[1], 'a')
    answers = sys.argv[2].split(',')
    class Provider(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        calls = 0
        def do_POST(self):
            body = self.rfile.read(int(self.headers['Content-Length']))
            print('BODY', body.decode(), file=log, flush=True)
            answer = answers[min(Provider.calls, len(answers) - 1)].split(':')
            Provider.calls += 1
            self.send_response(int(answer[0]))
            if len(answer) > 1: self.send_header('Retry-After', answer[1])
            self.send_header('Content-Length', '0'); self.end_headers()
        def log_message(self, *args): pass
    server = http.server.HTTPServer(('127.0.0.1', 0), Provider)
    print('PORT', server.server_address[1], file=log, flush=True)
    server.serve_forever()
    """

/// Issue 15, finding 6: 408/409/429 were final refusals retried forever, with no cap, no
/// `Retry-After` and no FAILED outcome, and a retry could carry a different body.
@Suite("Delivery retries", .sharedTemporaryPostgres, .serialized)
struct DeliveryRetryTests {
    /// Starts the provider answering `answers`; returns it, its URL and its log.
    private func provider(_ answers: String) async throws -> (ChildProcess, URL, URL) {
        let log = try TemporaryPath.directory("pinit-test").appendingPathComponent("provider.log")
        let process = try ChildProcess("/usr/bin/env", ["python3", "-c", scriptedProvider, log.path, answers])
        for _ in 0..<250 {
            let first = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").first
            if let port = first.flatMap({ $0.hasPrefix("PORT ") ? Int($0.dropFirst(5)) : nil }) {
                return (process, URL(string: "http://127.0.0.1:\(port)/push")!, log)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw PinitTestFailure("the Python provider did not start")
    }

    /// Bodies the provider received, in order.
    private func bodies(in log: URL) throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("BODY ") }.map {
            String($0.dropFirst(5))
        }
    }

    /// A store and task service with alice's device and one schedule due at 10 s.
    private func setUp(_ kind: StoreKind) async throws -> (TaskServicePeer, any NotificationStore) {
        let peer = try TaskServicePeer(clock: { 0 })
        let store = try await kind.makeStore()
        try await store.registerDevice(token: "t-alice-1", ownerID: "alice", at: 0)
        _ = try await peer.create("alice", start: 10_000)
        try await peer.relay(to: store)
        return (peer, store)
    }

    @Test(
        "429 with Retry-After is retried no sooner than it asks, with the very same body although the devices changed",
        arguments: StoreKind.allCases)
    func retryAfterAndSameBody(_ kind: StoreKind) async throws {
        let (process, url, log) = try await provider("429:2,200")
        defer { process.terminate() }
        let (peer, store) = try await setUp(kind)
        let wall = ManualClock()
        wall.set(10_000)
        let scheduler = NotificationScheduler(
            store: store, sender: WebhookPushSender(url: url), confirmation: peer.confirmation, worker: "w",
            policy: DeliveryPolicy(
                retryBackoff: RetryBackoff(initial: .milliseconds(100), maximum: .milliseconds(100))),
            clock: wall.read)
        let first = try await scheduler.sendDueNotifications()
        #expect(first.map(\.1) == [.postponed(reason: "\(url) answered HTTP 429")])
        try await store.registerDevice(token: "t-alice-2", ownerID: "alice", at: 0)
        wall.set(11_900)
        #expect(try await scheduler.sendDueNotifications().isEmpty, "Retry-After: 2 is honoured")
        wall.set(12_000)
        #expect(try await scheduler.sendDueNotifications().map(\.1) == [.decided(.sent, reason: "")])
        let sent = try bodies(in: log)
        #expect(sent.count == 2 && sent[0] == sent[1], "\(sent)")
        #expect(sent.first?.contains("t-alice-2") == false)
        try await peer.stop()
        try await store.close()
    }

    @Test(
        "408, 409 and 5xx are retried with backoff; after the last allowed attempt the notification is FAILED with what the provider said",
        arguments: StoreKind.allCases, ["408", "409", "503"])
    func cappedRetries(_ kind: StoreKind, status: String) async throws {
        let (process, url, log) = try await provider(status)
        defer { process.terminate() }
        let (peer, store) = try await setUp(kind)
        let wall = ManualClock()
        wall.set(10_000)
        let scheduler = NotificationScheduler(
            store: store, sender: WebhookPushSender(url: url), confirmation: peer.confirmation, worker: "w",
            policy: DeliveryPolicy(
                maxAttempts: 3, retryBackoff: RetryBackoff(initial: .seconds(1), maximum: .seconds(1), jitter: 0)),
            clock: wall.read)
        for _ in 0..<2 {
            #expect(try await scheduler.sendDueNotifications().count == 1)
            wall.set(wall.read() + 1_000)
        }
        let last = try await scheduler.sendDueNotifications()
        #expect(last.map(\.1) == [.decided(.failed, reason: "\(url) answered HTTP \(status) (after 3 attempts)")])
        wall.set(wall.read() + 60_000)
        #expect(try await scheduler.sendDueNotifications().isEmpty, "a FAILED notification is not retried")
        #expect(try bodies(in: log).count == 3)
        #expect(try await store.notifications(ownerID: "alice").map(\.outcome) == [.failed])
        try await peer.stop()
        try await store.close()
    }

    @Test("another 4xx is a final refusal: FAILED at once, no retry", arguments: StoreKind.allCases)
    func refusal(_ kind: StoreKind) async throws {
        let (process, url, log) = try await provider("400")
        defer { process.terminate() }
        let (peer, store) = try await setUp(kind)
        let scheduler = NotificationScheduler(
            store: store, sender: WebhookPushSender(url: url), confirmation: peer.confirmation, worker: "w",
            clock: { 10_000 })
        #expect(
            try await scheduler.sendDueNotifications().map(\.1) == [
                .decided(.failed, reason: "\(url) refused the push with HTTP 400")
            ])
        #expect(try bodies(in: log).count == 1)
        try await peer.stop()
        try await store.close()
    }
}

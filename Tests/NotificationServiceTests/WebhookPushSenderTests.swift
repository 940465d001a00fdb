import Foundation
@testable import NotificationService
import PinitProtos
import ProtocSupport
import Testing

/// A one-file HTTP/1.1 provider in Python: answers the first POST with 503 and later ones
/// with 200 and a receipt naming `old-token` unregistered; logs each request's
/// `Idempotency-Key` to the file named by its argument (after a first line `PORT n`).
private let providerScript = """
    import http.server, json, sys
    log = open(sys.argv[1], 'a')
    class Provider(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        calls = 0
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
            Provider.calls += 1
            print('KEY', self.headers['Idempotency-Key'], body['idempotencyKey'], file=log, flush=True)
            if Provider.calls == 1:
                self.send_response(503); self.send_header('Content-Length', '0'); self.end_headers(); return
            reply = json.dumps({'unregisteredTokens': ['old-token']}).encode()
            self.send_response(200); self.send_header('Content-Length', str(len(reply))); self.end_headers()
            self.wfile.write(reply)
        def log_message(self, *args): pass
    server = http.server.HTTPServer(('127.0.0.1', 0), Provider)
    print('PORT', server.server_address[1], file=log, flush=True)
    server.serve_forever()
    """

@Suite("Webhook push sender")
struct WebhookPushSenderTests {
    @Test(
        "one attempt per send: POSTs JSON with the Idempotency-Key header, a 503 is a retryable failure, a 200 returns the provider's unregistered tokens",
        .timeLimit(.minutes(1)))
    func postOnceEachTime() async throws {
        let log = try TemporaryPath.directory("pinit-test").appendingPathComponent("provider.log")
        let provider = try ChildProcess("/usr/bin/env", ["python3", "-c", providerScript, log.path])
        defer { provider.terminate() }
        guard let port = try await PeerLog.port(in: log) else {
            Issue.record("the Python provider did not start")
            return
        }
        let url = URL(string: "http://127.0.0.1:\(port)/push")!
        let sender = WebhookPushSender(url: url)
        let push = Push(
            idempotencyKey: "ntf-s1-1000", scheduleID: "s1", ownerID: "alice",
            deviceTokens: ["old-token", "new-token"], title: "Stand-up", startTime: 1000)
        await #expect(throws: PushFailure(.retryable(after: nil), "\(url) answered HTTP 503")) {
            try await sender.send(push)
        }
        let receipt = try await sender.send(push)
        #expect(receipt.unregisteredTokens == ["old-token"])
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(requests == ["KEY ntf-s1-1000 ntf-s1-1000", "KEY ntf-s1-1000 ntf-s1-1000"])
    }

    @Test("Retry-After is read in seconds and as an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryAfter.parse("7", now: now) == .seconds(7))
        #expect(RetryAfter.parse("Mon, 12 Jan 1970 13:46:50 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }
}

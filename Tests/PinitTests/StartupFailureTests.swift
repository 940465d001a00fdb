import Foundation
import ProtocSupport
import Testing

/// A TCP socket listening on a free loopback port, so that a service asked for that port
/// cannot bind it.
private final class OccupiedPort {
    let port: Int
    private let descriptor: Int32

    init() throws {
        (descriptor, port) = try bindLoopbackPort(listening: true)
    }

    deinit { close(descriptor) }
}

@Suite("pinit refuses to start rather than limp")
struct StartupFailureTests {
    /// Runs `pinit ARGUMENTS` (with `environment` set) and returns its status and standard error.
    private func start(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess.Outcome
    {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-start-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: data) }
        let settings = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let hasDataDirectory = arguments.contains("--data-dir")
        return try await ChildProcess.run(
            "/usr/bin/env",
            settings + [PinitProcess.executable.path] + arguments
                + (hasDataDirectory ? [] : ["--data-dir", data.path]),
            timeout: .seconds(10))
    }

    @Test(
        "a port already in use: exit 1 at once, one line naming the address and errno, nothing else logged",
        arguments: ["task-service", "notification-service"])
    func portInUse(service: String) async throws {
        let occupied = try OccupiedPort()
        let began = ContinuousClock.now
        let outcome = try await start([service, "--port", "\(occupied.port)"])
        #expect(began.duration(to: .now) < .seconds(5))
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(lines.first?.contains("cannot listen on 127.0.0.1:\(occupied.port)") == true, "\(outcome.stderr)")
        #expect(lines.first?.contains("Address already in use (errno 98)") == true, "\(outcome.stderr)")
    }

    @Test("an address that does not resolve: exit 1, one line naming it")
    func unresolvableHost() async throws {
        let outcome = try await start(["task-service", "--host", "256.1.1.1"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cannot listen on 256.1.1.1:0"), "\(outcome.stderr)")
    }

    @Test(
        "a VAPID key file that is not a P-256 key, or a service-account file without a key: exit 1, one line naming the file; a missing one: exit 64 naming the flag"
    )
    func pushKeyFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "push-keys-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("vapid.pem")
        try Data("not a key\n".utf8).write(to: bad)
        let account = directory.appendingPathComponent("account.json")
        try Data(#"{"project_id":"p","client_email":"e@p","token_uri":"https://oauth.example/token"}"#.utf8).write(
            to: account)
        for (arguments, expected) in [
            (
                ["--push", "webpush", "--vapid-private-key", bad.path, "--vapid-subject", "mailto:ops@example.com"],
                "Error: cannot use the VAPID key \(bad.path): no PEM private key found"
            ),
            (
                ["--push", "fcm", "--fcm-service-account", account.path],
                "Error: cannot use the FCM service account: the service-account file \(account.path) has no private_key"
            ),
        ] {
            let outcome = try await start(["notification-service", "--port", "0"] + arguments)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix(expected), "\(outcome.stderr)")
        }
        let missing = try await start([
            "notification-service", "--push", "webpush", "--vapid-private-key", "/nonexistent/vapid.pem",
            "--vapid-subject", "mailto:a@b.c",
        ])
        #expect(missing.status == 64)
        #expect(
            missing.stderr.split(separator: "\n").first?.contains("--vapid-private-key") == true, "\(missing.stderr)")
    }

    @Test("a data directory that cannot be created: exit 1, one line with the path and the errno text")
    func dataDirectory() async throws {
        let outcome = try await start(["notification-service", "--data-dir", "/proc/nope"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr
                == "Error: cannot create the data directory /proc/nope: No such file or directory (errno 2)\n")
    }

    @Test("a bad database URL is refused without showing its password")
    func databaseURLPassword() async throws {
        let outcome = try await start([
            "task-service", "--database", "postgres://pinit:hunter2@db.example/tasks?sslmode=sometimes",
        ])
        #expect(outcome.status == 64)
        #expect(
            outcome.stderr.hasPrefix("Error: --database: invalid PostgreSQL URL postgres://pinit:***@db.example/tasks"),
            "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("hunter2"), "\(outcome.stderr)")
    }

    @Test("an unreachable database at start: exit 1 at once, one line naming its host and port and the cause")
    func unreachableDatabase() async throws {
        let began = ContinuousClock.now
        let outcome = try await start([
            "task-service", "--database", "postgres://pinit@127.0.0.1:1/tasks?sslmode=disable",
        ])
        #expect(began.duration(to: .now) < .seconds(5))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(
            outcome.stderr.hasPrefix(
                "Error: cannot open the database postgres://pinit@127.0.0.1:1/tasks?sslmode=disable: "
                    + "could not connect to 127.0.0.1:1: Connection refused"), "\(outcome.stderr)")
    }

    /// A flag or environment value and what the refusal must say.
    struct BadValue: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var environment: [String: String] = [:]
        let message: String
        var testDescription: String { (environment.map { "\($0.key)=\($0.value)" } + arguments).joined(separator: " ") }
    }

    @Test(
        "a bad flag or environment value: exit 64, the first line names the value, the flag or variable and what is accepted; the subcommand's usage follows",
        arguments: [
            BadValue(
                arguments: ["task-service", "--port", "70000"],
                message: "The value '70000' is invalid for '--port <port>': expected a port number from 0 to 65535"),
            BadValue(
                arguments: ["task-service"], environment: ["PINIT_PORT": "abc"],
                message:
                    "The value 'abc' is invalid for environment variable PINIT_PORT: expected a port number from 0 to 65535"
            ),
            BadValue(
                arguments: ["task-service", "--log-level", "verbose"],
                message:
                    "'--log-level <log-level>': expected one of trace, debug, info, notice, warning, error, critical"),
            BadValue(
                arguments: ["notification-service"], environment: ["PINIT_LOG_LEVEL": "loud"],
                message: "environment variable PINIT_LOG_LEVEL: expected one of trace, debug"),
            BadValue(
                arguments: ["notification-service", "--push-webhook", "not a url"],
                message: "'--push-webhook <push-webhook>': expected an http:// or https:// URL with a host"),
            BadValue(
                arguments: ["notification-service", "--lease-ms", "-5"],
                message:
                    "The value '-5' is invalid for '--lease-ms <lease-ms>': expected a whole number of milliseconds, at least 1"
            ),
            BadValue(
                arguments: ["notification-service"], environment: ["PINIT_LEASE_MS": "0"],
                message: "environment variable PINIT_LEASE_MS: expected a whole number of milliseconds, at least 1"),
            BadValue(
                arguments: ["task-service", "--notification-address", "nowhere"],
                message: "'--notification-address <addresses>': no port; expected HOST:PORT"),
            BadValue(
                arguments: ["task-service", "--listen", "unix:"],
                message: "'--listen <address>': the socket path is empty"),
            BadValue(
                arguments: ["task-service", "--listen", "127.0.0.1:1", "--port", "2"],
                message: "--listen cannot be combined with --host or --port"),
            BadValue(
                arguments: ["task-service", "--tls-cert", "/nonexistent.pem"],
                message: "'--tls-cert <tls-cert>': no such file: /nonexistent.pem"),
            BadValue(
                arguments: ["task-service", "--retention", "0d"],
                message:
                    "'--retention <period>': expected a whole number and a unit, s, m, h or d (such as 7d or 36h), from 1s to 3650d"
            ),
            BadValue(
                arguments: ["task-service"], environment: ["PINIT_RETENTION": "7 days"],
                message: "environment variable PINIT_RETENTION: expected a whole number and a unit"),
            BadValue(
                arguments: ["notification-service", "--retention", "-1h"],
                message: "'--retention <period>': expected a whole number and a unit"),
            BadValue(
                arguments: ["notification-service", "--max-push-lateness", "soon"],
                message: "'--max-push-lateness <period>': expected a whole number and a unit"),
            BadValue(
                arguments: ["notification-service"], environment: ["PINIT_TASK_ADDRESS": "unix:"],
                message: "environment variable PINIT_TASK_ADDRESS: the socket path is empty"),
            BadValue(
                arguments: ["task-service"], environment: ["PINIT_NOTIFICATION_ADDRESS": "unix:"],
                message: "environment variable PINIT_NOTIFICATION_ADDRESS: the socket path is empty"),
            BadValue(
                arguments: ["notification-service", "--worker", ""],
                message: "--worker must not be empty"),
            BadValue(
                arguments: ["task-service", "--database", "postgres://pinit:secret@db.example:70000/tasks"],
                message:
                    "--database: invalid PostgreSQL URL postgres://pinit:***@db.example:70000/tasks: port '70000' is not a number from 1 to 65535"
            ),
            BadValue(
                arguments: ["task-service"], environment: ["PINIT_DATABASE_URL": "mysql://pinit@db.example/tasks"],
                message:
                    "environment variable PINIT_DATABASE_URL: invalid PostgreSQL URL mysql://pinit@db.example/tasks: unsupported scheme 'mysql'"
            ),
        ])
    func badValue(_ value: BadValue) async throws {
        let outcome = try await start(value.arguments, environment: value.environment)
        #expect(outcome.status == 64)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(
            lines.first?.hasPrefix("Error: ") == true && lines.first?.contains(value.message) == true,
            "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Usage: pinit \(value.arguments[0])"), "\(outcome.stderr)")
    }
}

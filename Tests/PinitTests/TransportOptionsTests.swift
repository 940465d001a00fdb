import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import ProtocSupport
import RPCCore
import TLSEngine
import Testing

@Suite("pinit over Unix sockets and mutual TLS", .serialized)
struct TransportOptionsTests {
    /// Starts the notification service, then the task service relaying to it, both with
    /// `arguments`, listening where `listen` says; creates a schedule due in 1.5 s for a user with
    /// a device through clients made by `connect`, and waits until the push is in the push file.
    private func pushGoesThrough(
        root: URL, listen: (String) -> String?, arguments: [String],
        connect: @escaping (PinitProcess) throws -> HTTP2ClientTransport
    ) async throws {
        let pushFile = root.appendingPathComponent("pushes.jsonl")
        let taskPort = try PinitProcess.freePort()
        let taskAddress = listen("task") ?? "127.0.0.1:\(taskPort)"
        let notification = PinitProcess(
            name: "notification-service", dataDirectory: root.appendingPathComponent("notification"),
            arguments: arguments + ["--push-file", pushFile.path, "--task-address", taskAddress],
            listen: listen("notification"))
        try await notification.start()
        let task = PinitProcess(
            name: "task-service", dataDirectory: root.appendingPathComponent("task"),
            arguments: arguments + ["--notification-address", notification.publishedAddress], listen: listen("task"),
            port: taskPort)
        try await task.start()
        let notificationClient = RPCClient(transport: try connect(notification))
        let taskClient = RPCClient(transport: try connect(task))
        var device = Pinit_V1_RegisterDeviceRequest()
        device.ownerId = "alice"
        device.deviceToken = "alice-phone"
        _ = try await Pinit_V1_NotificationService.Client(wrapping: notificationClient).registerDevice(
            ClientRequest(message: device))
        var create = Pinit_V1_CreateScheduleRequest()
        create.ownerId = "alice"
        create.title = "Stand-up"
        create.startTime = Google_Protobuf_Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1_500)
        let schedule = try await Pinit_V1_TaskService.Client(wrapping: taskClient).createSchedule(
            ClientRequest(message: create))
        let deadline = ContinuousClock.now + .seconds(20)
        var pushed = ""
        while !pushed.contains(schedule.message.id) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            pushed = (try? String(contentsOf: pushFile, encoding: .utf8)) ?? ""
        }
        taskClient.beginGracefulShutdown()
        notificationClient.beginGracefulShutdown()
        #expect(await task.stop(signal: SIGTERM) == 0)
        #expect(await notification.stop(signal: SIGTERM) == 0)
        #expect(pushed.contains(schedule.message.id), "the push went out through the relay")
    }

    @Test(
        "both services listen on Unix domain sockets and the relay reaches its peer at a unix: address",
        .timeLimit(.minutes(1)))
    func unixSockets() async throws {
        let root = URL(fileURLWithPath: "/tmp/pinit-unix-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        try await pushGoesThrough(
            root: root, listen: { "unix:\(root.path)/\($0).sock" }, arguments: [],
            connect: { HTTP2ClientTransport(target: try TransportAddress(parsing: $0.publishedAddress)) })
    }

    @Test(
        "with --tls-cert, --tls-key, --tls-ca and --peer-identity both services serve mutual TLS, the relay presents its certificate and each checks the other's identity; a client without one is refused",
        .timeLimit(.minutes(1)))
    func mutualTLS() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-tls-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = [
            "--tls-cert", certificates.serviceCertificate, "--tls-key", certificates.serviceKey,
            "--tls-ca", certificates.certificateAuthority, "--peer-identity", TestCertificates.serverName,
        ]
        let trusted = TLSClientConfiguration(
            trustRoots: .certificateAuthorityFile(certificates.certificateAuthority),
            certificate: .init(chainFile: certificates.clientCertificate, privateKeyFile: certificates.clientKey))
        try await pushGoesThrough(root: root, listen: { _ in nil }, arguments: arguments) { process in
            HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: process.port), tls: trusted)
        }

        let notification = PinitProcess(
            name: "notification-service", dataDirectory: root.appendingPathComponent("again"), arguments: arguments)
        try await notification.start()
        var anonymous = trusted
        anonymous.certificate = nil
        let client = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: notification.port), tls: anonymous))
        var request = Pinit_V1_ListNotificationsRequest()
        request.ownerId = "alice"
        await #expect(throws: RPCError.self, "a client without a certificate is refused") {
            _ = try await Pinit_V1_NotificationService.Client(wrapping: client).listNotifications(
                ClientRequest(message: request)
            ) { _ in }
        }
        client.beginGracefulShutdown()
        #expect(await notification.stop(signal: SIGTERM) == 0)
    }
}

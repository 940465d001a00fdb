import Foundation
import ProtocSupport

/// A real `pinit` service process (the binary built next to this test bundle), which tests
/// kill with SIGKILL and start again on the same port and data directory.
final class PinitProcess {
    /// The built `pinit`.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("pinit")

    let name: String
    let dataDirectory: URL
    let extraArguments: [String]
    /// `--listen ADDRESS` instead of `--port`, when given.
    let listen: String?
    private(set) var port = 0
    /// The address the service published once it listened (`127.0.0.1:PORT` or `unix:PATH`).
    private(set) var publishedAddress = ""
    private var process: Process?

    /// A service that will listen on `port` (0: a free port chosen at its first start), or on
    /// `listen` when given.
    init(name: String, dataDirectory: URL, arguments: [String], listen: String? = nil, port: Int = 0) {
        self.name = name
        self.dataDirectory = dataDirectory
        self.extraArguments = arguments
        self.listen = listen
        self.port = port
    }

    /// A loopback TCP port that was free a moment ago (bound to port 0 and released), for a
    /// service whose address another must know before it starts.
    static func freePort() throws -> Int {
        let (descriptor, port) = try bindLoopbackPort()
        close(descriptor)
        return port
    }

    private var addressFile: URL { dataDirectory.appendingPathComponent("\(name).address") }

    /// Where the service's standard error goes (appended to across restarts).
    var logFile: URL { dataDirectory.appendingPathComponent("\(name).log") }

    /// Starts the service (on a free port the first time, the same port afterwards) and
    /// waits until it listens.
    func start() async throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: addressFile)
        if !FileManager.default.fileExists(atPath: logFile.path) { try Data().write(to: logFile) }
        let handle = try FileHandle(forWritingTo: logFile)
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = Self.executable
        let listening = listen.map { ["--listen", $0] } ?? ["--port", "\(port)"]
        process.arguments =
            [name] + listening + ["--data-dir", dataDirectory.path, "--log-level", "notice"] + extraArguments
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let end = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < end {
            if let text = try? String(contentsOf: addressFile, encoding: .utf8), !text.isEmpty {
                publishedAddress = text
                if let colon = text.lastIndex(of: ":"), let bound = Int(text[text.index(after: colon)...]) {
                    port = bound
                }
                return
            }
            guard process.isRunning else {
                throw PinitFailure("\(name) exited with \(process.terminationStatus) at start")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PinitFailure("\(name) did not start listening")
    }

    /// `127.0.0.1:PORT`.
    var address: String { "127.0.0.1:\(port)" }

    /// Sends `signal` and waits for the process to end; returns its termination status.
    @discardableResult
    func stop(signal: Int32) async -> Int32 {
        guard let process else { return 0 }
        if process.isRunning { kill(process.processIdentifier, signal) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        self.process = nil
        return process.terminationStatus
    }
}

extension PinitProcess {
    /// Starts the notification service (with `notificationArguments`, confirming with the task
    /// service) under `root/notification`, then the task service relaying to it under
    /// `root/task`, on a port chosen before either started.
    static func startServices(
        in root: URL, notificationArguments: [String] = []
    ) async throws -> (notification: PinitProcess, task: PinitProcess) {
        let taskPort = try freePort()
        let notification = PinitProcess(
            name: "notification-service", dataDirectory: root.appendingPathComponent("notification"),
            arguments: ["--task-address", "127.0.0.1:\(taskPort)"] + notificationArguments)
        try await notification.start()
        let task = PinitProcess(
            name: "task-service", dataDirectory: root.appendingPathComponent("task"),
            arguments: ["--notification-address", notification.address], port: taskPort)
        try await task.start()
        return (notification, task)
    }
}

/// A test precondition that failed, with what happened.
struct PinitFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The idempotency key of every line of a push file, in order (none when it does not exist).
///
/// - Throws: when a line is not a JSON object, so a garbled or glued line fails the test.
func pushFileKeys(_ file: URL) throws -> [String] {
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return object?["idempotencyKey"] as? String ?? ""
    }
}

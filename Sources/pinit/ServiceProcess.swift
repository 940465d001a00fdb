import Foundation
import Glibc
import HTTP2Transport

/// A `pinit` service started as a child process, its standard error going to a log file.
///
/// Sendable by hand: its stored properties are constants, and Foundation's `Process` may be
/// asked about and signalled from any thread.
final class ServiceProcess: @unchecked Sendable {
    /// The subcommand, such as `task-service`.
    let name: String
    /// Where the service keeps its database and publishes its address.
    let dataDirectory: URL
    private let process = Process()

    /// Starts `pinit NAME --listen LISTEN --data-dir DIR ARGUMENTS...`, logging to `DIR/NAME.log`.
    ///
    /// - Throws: when the executable cannot be started.
    init(name: String, listen: TransportAddress, dataDirectory: URL, arguments: [String]) throws {
        self.name = name
        self.dataDirectory = dataDirectory
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let log = dataDirectory.appendingPathComponent("\(name).log")
        try Data().write(to: log)
        try? FileManager.default.removeItem(at: addressFile)
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [name, "--listen", listen.description, "--data-dir", dataDirectory.path] + arguments
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    private var addressFile: URL { dataDirectory.appendingPathComponent("\(name).address") }

    /// The process id.
    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits (up to `timeout`) until the service published its listening address.
    ///
    /// - Throws: ``Failure`` when it exited or did not publish in time.
    func address(timeout: Duration = .seconds(20)) async throws -> String {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if let text = try? String(contentsOf: addressFile, encoding: .utf8), !text.isEmpty { return text }
            guard process.isRunning else { throw Failure("\(name) exited with status \(process.terminationStatus)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure("\(name) published no address within \(timeout)")
    }

    /// Sends SIGTERM and waits for the exit.
    ///
    /// - Returns: the exit status.
    func terminate() async -> Int32 {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGTERM) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// Kills the process with SIGKILL (as a crash would) and waits until it is gone.
    func kill() async {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// A service that failed to start.
    struct Failure: Error, CustomStringConvertible {
        /// What happened.
        let description: String
        init(_ description: String) { self.description = description }
    }
}

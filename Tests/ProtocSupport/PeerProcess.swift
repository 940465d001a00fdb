import Foundation
import Synchronization

/// A long-running peer (a server, or a client under test) started by a test: its output is
/// collected as it arrives, it can be waited for with a time limit, and it is killed by
/// ``terminate()`` (which the owner calls in a `defer`).
public final class PeerProcess: Sendable {
    /// A peer that did not do what the test waited for in time, or could not start.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the peer's output so far.
        public let description: String

        /// Creates a failure saying what went wrong.
        public init(description: String) { self.description = description }
    }

    /// The bytes of both output streams, appended by the pipes' handlers.
    private final class Output: Sendable {
        let stdout = Mutex(Data())
        let stderr = Mutex(Data())
    }

    private let process: Process
    private let output = Output()
    private let command: String

    /// Starts `executable` with `arguments`; standard input is empty.
    ///
    /// - Throws: ``Failure`` when it cannot be started.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        command = ([executable] + arguments).joined(separator: " ")
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let output = output
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.stdout.withLock { $0.append(data) }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.stderr.withLock { $0.append(data) }
        }
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(command): \(error)")
        }
    }

    /// What the peer wrote to standard output so far.
    public var standardOutput: String { output.stdout.withLock { String(decoding: $0, as: UTF8.self) } }

    /// What the peer wrote to standard error so far.
    public var standardError: String { output.stderr.withLock { String(decoding: $0, as: UTF8.self) } }

    /// The first line of standard output containing `text`, once it has been written.
    ///
    /// - Throws: ``Failure`` when the peer exits or `timeout` passes first.
    public func line(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let giveUp = ContinuousClock.now.advanced(by: timeout)
        while true {
            let lines = standardOutput.split(separator: "\n")
            if let line = lines.first(where: { $0.contains(text) }) { return String(line) }
            guard process.isRunning, ContinuousClock.now < giveUp else {
                throw Failure(description: "\(command) did not print '\(text)'\(report)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the peer to exit and returns its exit status.
    ///
    /// - Throws: ``Failure`` (after killing it) when it is still running after `timeout`.
    public func exitStatus(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let giveUp = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            guard ContinuousClock.now < giveUp else {
                terminate()
                throw Failure(description: "\(command) did not finish within \(timeout)\(report)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Let the readability handlers pick up the last output.
        try await Task.sleep(for: .milliseconds(50))
        return process.terminationStatus
    }

    /// The command line and the output so far, for failure messages.
    public var report: String {
        "\n$ \(command)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
    }

    /// Kills the peer (SIGKILL) if it is still running, and waits for it.
    public func terminate() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

import Foundation
import Synchronization

/// A child process for tests that run tools (rpccurl, servers, Python) from async code:
/// waiting for it suspends the task instead of blocking a thread of the cooperative pool.
public final class ChildProcess: Sendable {
    /// How a finished process ended.
    public struct Outcome: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything written to standard output.
        public let stdout: String
        /// Everything written to standard error.
        public let stderr: String
    }

    private let process: Process
    private let stdinPipe = Pipe()
    private let state = Mutex(State())

    /// Output so far, and the exit: the process counts as finished once it exited and both
    /// pipes reached end of file.
    private struct State {
        var stdout = Data()
        var stderr = Data()
        var closedPipes = 0
        var status: Int32?
        var waiters: [CheckedContinuation<Void, Never>] = []

        var finished: Bool { status != nil && closedPipes == 2 }

        /// The waiters to resume, when the process just finished.
        mutating func takeWaitersIfFinished() -> [CheckedContinuation<Void, Never>] {
            guard finished else { return [] }
            defer { waiters = [] }
            return waiters
        }
    }

    /// Starts `executable` with `arguments`; standard input stays open until ``closeInput()``.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdout
        process.standardError = stderr
        process.terminationHandler = { [self] process in
            let waiters = state.withLock { state in
                state.status = process.terminationStatus
                return state.takeWaitersIfFinished()
            }
            for waiter in waiters { waiter.resume() }
        }
        try process.run()
        // One reading thread per pipe: a blocking read must not hold a thread of the pool.
        for (pipe, isStdout) in [(stdout, true), (stderr, false)] {
            let handle = pipe.fileHandleForReading
            Thread { [self] in
                while true {
                    let data = handle.availableData
                    let waiters = state.withLock { state in
                        if data.isEmpty { state.closedPipes += 1 }
                        if isStdout { state.stdout.append(data) } else { state.stderr.append(data) }
                        return state.takeWaitersIfFinished()
                    }
                    for waiter in waiters { waiter.resume() }
                    if data.isEmpty { return }
                }
            }.start()
        }
    }

    /// Runs a tool to its end, feeding it `input`.
    public static func run(_ executable: String, _ arguments: [String], input: String = "") async throws -> Outcome {
        let child = try ChildProcess(executable, arguments)
        child.write(input)
        child.closeInput()
        return await child.outcome()
    }

    /// Writes `text` to the process's standard input.
    public func write(_ text: String) {
        stdinPipe.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Closes the process's standard input.
    public func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// What the process has written to standard output so far.
    public var stdoutSoFar: String {
        String(decoding: state.withLock { $0.stdout }, as: UTF8.self)
    }

    /// Waits until standard output contains `text` (checking every 20 ms, up to `limit`).
    public func waitForOutput(containing text: String, limit: Duration = .seconds(20)) async throws -> String {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            let current = stdoutSoFar
            if current.contains(text) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        return stdoutSoFar
    }

    /// Waits for the process to exit and returns its status and output.
    public func outcome() async -> Outcome {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                if state.finished { return true }
                state.waiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
        let collected = state.withLock { $0 }
        return Outcome(
            status: collected.status ?? -1, stdout: String(decoding: collected.stdout, as: UTF8.self),
            stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    /// Kills the process (SIGKILL to its own id only): test servers need no graceful end.
    public func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

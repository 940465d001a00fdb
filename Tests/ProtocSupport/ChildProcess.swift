import Foundation
import Synchronization

/// A long-lived child process for tests (a server, a peer client, a tool fed step by step),
/// driven from async code without blocking a thread of the cooperative pool: one reader thread
/// per output pipe collects what it writes (the child never shares the test runner's standard
/// output), its exit arrives through `terminationHandler`, and ``terminate()`` kills it with
/// SIGKILL (owners call it in a `defer`). Programs run to completion in one go use
/// ``ToolProcess`` instead.
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

    /// A process that could not start, or did not do what the test waited for in time.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the command line and the output so far.
        public let description: String

        /// Creates a failure saying what went wrong.
        public init(description: String) { self.description = description }
    }

    private let process: Process
    private let command: String
    private let stdinPipe = Pipe()
    private let state = Mutex(State())

    /// Output so far, and the exit: the process counts as finished once it exited and both
    /// pipes reached end of file, so that a finished process's output is complete.
    private struct State {
        var stdout = Data()
        var stderr = Data()
        var closedPipes = 0
        var status: Int32?
        var killedAfterTimeout = false
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
    ///
    /// - Throws: ``Failure`` when it cannot be started.
    public init(_ executable: String, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        command = ([executable] + arguments).joined(separator: " ")
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
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(command): \(error)")
        }
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

    /// Runs a program to its end, feeding it `input`, and returns its status and output as text.
    ///
    /// - Throws: ``Failure`` when it cannot be started or runs longer than `timeout`.
    public static func run(
        _ executable: String, _ arguments: [String], input: String = "", timeout: Duration = .seconds(60)
    ) async throws -> Outcome {
        let child = try ChildProcess(executable, arguments)
        child.write(input)
        child.closeInput()
        return try await child.outcome(timeout: timeout)
    }

    /// Writes `text` to the process's standard input.
    public func write(_ text: String) {
        stdinPipe.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Closes the process's standard input.
    public func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// What the process wrote to standard output so far.
    public var standardOutput: String { String(decoding: state.withLock { $0.stdout }, as: UTF8.self) }

    /// What the process wrote to standard error so far.
    public var standardError: String { String(decoding: state.withLock { $0.stderr }, as: UTF8.self) }

    /// The command line and the output so far, for failure messages.
    public var report: String {
        "\n$ \(command)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
    }

    /// Standard output so far, once it contains `text`.
    ///
    /// - Throws: ``Failure`` when the process ends or `timeout` passes first (it is killed then).
    public func output(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await standardOutput(showing: "'\(text)'", timeout: timeout) { output, _ in
            output.contains(text) ? output : nil
        }
    }

    /// The first complete line of standard output containing `text`, once it was written.
    ///
    /// - Throws: ``Failure`` when the process ends or `timeout` passes first (it is killed then).
    public func line(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await standardOutput(showing: "a line with '\(text)'", timeout: timeout) { output, finished in
            var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            if !finished { lines.removeLast() } // Not yet ended by a newline.
            return lines.first { $0.contains(text) }.map(String.init)
        }
    }

    /// Checks standard output every 20 ms until `found` returns a value (it is also given
    /// whether the output is complete).
    private func standardOutput<T>(
        showing expected: String, timeout: Duration, _ found: (String, Bool) -> T?
    ) async throws -> T {
        let giveUp = ContinuousClock.now.advanced(by: timeout)
        while true {
            let (output, finished) = state.withLock { (String(decoding: $0.stdout, as: UTF8.self), $0.finished) }
            if let value = found(output, finished) { return value }
            guard !finished, ContinuousClock.now < giveUp else {
                terminate()
                throw Failure(description: "\(command) did not print \(expected)\(report)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end and returns its status and output.
    ///
    /// - Throws: ``Failure``, after killing it, when it is still running after `timeout`.
    public func outcome(timeout: Duration = .seconds(60)) async throws -> Outcome {
        let deadline = Task { [self] in
            try await Task.sleep(for: timeout)
            let running = state.withLock { state in
                if state.status == nil { state.killedAfterTimeout = true }
                return state.status == nil
            }
            if running { terminate() }
        }
        defer { deadline.cancel() }
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                if state.finished { return true }
                state.waiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
        let collected = state.withLock { $0 }
        guard !collected.killedAfterTimeout else {
            throw Failure(description: "\(command) did not finish within \(timeout)\(report)")
        }
        return Outcome(
            status: collected.status ?? -1, stdout: String(decoding: collected.stdout, as: UTF8.self),
            stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    /// Kills the process (SIGKILL to its own id only) if it is still running; its exit and the
    /// end of its output arrive later, as ``outcome(timeout:)`` reports.
    public func terminate() {
        send(SIGKILL)
    }

    /// Sends `signal` to the process (to its own id only) if it is still running: SIGSTOP
    /// freezes a peer, for tests of what happens when one stops answering.
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }
}

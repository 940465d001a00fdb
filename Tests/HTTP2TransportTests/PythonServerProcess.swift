import Foundation
import ProtocSupport

/// A Python grpcio server started from a script, which writes its port to the file named by
/// its last argument. It runs as a ``ChildProcess`` (its output collected, never the test
/// runner's), and ``stop()`` ends it with SIGKILL.
final class PythonServerProcess {
    /// The port the server listens on (127.0.0.1).
    let port: Int
    private let process: ChildProcess
    private let script: URL

    /// Writes `source` to a temporary file and runs it with `arguments` and a port file;
    /// returns once the port was written.
    init(source: String, arguments: [String] = []) async throws {
        script = TemporaryPath.file("grpc-peer", suffix: ".py")
        try source.write(to: script, atomically: true, encoding: .utf8)
        let portFile = script.path + ".port"
        defer { try? FileManager.default.removeItem(atPath: portFile) }
        process = try ChildProcess("/usr/bin/env", ["python3", script.path] + arguments + [portFile])
        var port: Int?
        for _ in 0..<400 where port == nil {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let port else {
            process.terminate()
            try? FileManager.default.removeItem(at: script)
            throw ChildProcess.Failure(
                description: "the Python server wrote no port within 20 seconds\(process.report)")
        }
        self.port = port
    }

    /// Sends `signal` to the server process (SIGSTOP freezes it).
    func send(_ signal: Int32) {
        process.send(signal)
    }

    /// Kills the server and removes its script.
    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: script)
    }
}

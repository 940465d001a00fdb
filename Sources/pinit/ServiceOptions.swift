import ArgumentParser
import Foundation
import HTTP2Transport
import Logging

/// Options both services take; each falls back to an environment variable, then a default.
struct ServiceOptions: ParsableArguments {
    @Option(help: "Address to listen on (env PINIT_HOST).")
    var host: String = ProcessInfo.processInfo.environment["PINIT_HOST"] ?? "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one (env PINIT_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PINIT_PORT"] ?? "") ?? 0

    @Option(name: .customLong("data-dir"), help: "Directory of the service's SQLite database (env PINIT_DATA_DIR).")
    var dataDirectory: String = ProcessInfo.processInfo.environment["PINIT_DATA_DIR"] ?? "./pinit-data"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env PINIT_LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["PINIT_LOG_LEVEL"] ?? "info"

    /// The data directory as a URL.
    var dataDirectoryURL: URL { URL(fileURLWithPath: dataDirectory, isDirectory: true) }

    /// Sets up swift-log (to standard error) and returns the service's logger.
    func makeLogger(label: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// Writes the bound address to `<data-dir>/<name>.address` (how the demo and the tests
    /// find a service started on port 0), replacing the file atomically.
    func publish(_ address: TransportAddress, name: String) throws {
        let url = dataDirectoryURL.appendingPathComponent("\(name).address")
        try Data(address.description.utf8).write(to: url, options: .atomic)
    }
}

/// Parses `host:port` into a TCP address.
func parseAddress(_ text: String) throws -> TransportAddress {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
        throw ValidationError("expected HOST:PORT, got \"\(text)\"")
    }
    let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return .tcp(host: host, port: port)
}

import Foundation
import Logging
import Synchronization

/// A swift-log handler that keeps every line logged through it, for tests that count what a
/// loop logs.
public struct RecordingLogHandler: LogHandler {
    /// The lines logged so far, shared by every copy of the handler.
    public final class Lines: Sendable {
        private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

        /// Creates an empty record.
        public init() {}

        /// Every line, oldest first, as `level: message`.
        public var all: [String] { lines.withLock { $0.map { "\($0.level): \($0.message)" } } }

        /// How many lines were logged at `level` or above.
        public func count(atLeast level: Logger.Level) -> Int {
            lines.withLock { $0.filter { $0.level >= level }.count }
        }

        fileprivate func append(_ level: Logger.Level, _ message: String) {
            lines.withLock { $0.append((level, message)) }
        }
    }

    /// Where the lines go.
    public let lines: Lines
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level = .trace
    /// Metadata of the logger.
    public var metadata: Logger.Metadata = [:]

    /// A logger whose lines go to `lines`.
    public static func logger(recordingInto lines: Lines) -> Logger {
        Logger(label: "test") { _ in RecordingLogHandler(lines: lines) }
    }

    /// Records the line.
    public func log(event: LogEvent) {
        lines.append(event.level, "\(event.message)")
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

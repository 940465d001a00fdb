import Foundation

/// Writes generated output, leaving a file untouched when its content is already right so
/// that builds do not recompile what did not change.
enum OutputFile {
    /// Writes `data` to `path`, creating directories as needed.
    static func write(_ data: Data, to path: String) throws(ToolFailure) {
        if path == "/dev/stdout" || path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        if let existing = try? Data(contentsOf: url), existing == data { return }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ToolFailure("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}

import Foundation

/// Unique paths under the system's temporary directory, for a test's scripts, bodies and
/// scratch directories: the one way tests name their temporary files.
public enum TemporaryPath {
    /// A path no file has yet: `<temporary directory>/<prefix>-<UUID><suffix>`.
    public static func file(_ prefix: String, suffix: String = "") -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }

    /// A new, empty directory `<temporary directory>/<prefix>-<UUID>`.
    ///
    /// - Throws: the error creating it.
    public static func directory(_ prefix: String) throws -> URL {
        let url = file(prefix)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

import Synchronization
import TLSEngine

/// The TLS contexts of one client transport's connections: loaded at the first connection
/// attempt, then following their files (``TLSContextReloader``), so a renewed certificate or CA
/// is used by the next connection and a rotation that does not load keeps the previous files.
final class ClientTLSContexts: Sendable {
    /// What the connections trust and present.
    let configuration: TLSClientConfiguration
    private let reloader = Mutex<TLSContextReloader?>(nil)

    /// Contexts for `configuration`; nothing is loaded yet.
    init(_ configuration: TLSClientConfiguration) {
        self.configuration = configuration
    }

    /// The context for a new connection.
    ///
    /// - Throws: ``TLSError`` when the files have never loaded (each attempt tries again).
    func context() throws(TLSError) -> TLSContext {
        try reloader.withLock { reloader throws(TLSError) -> TLSContext in
            if let reloader { return reloader.current() }
            let loaded = try TLSContextReloader(client: configuration, report: TLSReports.toStandardError)
            reloader = loaded
            return loaded.current()
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A ``TLSContext`` that follows its files: each new connection asks for ``current()``, which
/// first looks at the certificate, key and CA files (one `stat` each) and, when one changed,
/// builds a new context from them. Connections already open keep the context they started
/// with. When the new files do not load (a key that no longer matches its certificate while
/// a rotation is half written, a file that does not parse), the previous context stays in use,
/// the failure is reported once for those files, and the next change is tried again.
///
/// Certificates issued for hours (cert-manager, SPIFFE) are renewed by replacing the files;
/// a server or client built on this picks them up without a restart. ``reload()`` rebuilds
/// at once (pinit calls it on SIGHUP).
public final class TLSContextReloader: Sendable {
    private struct State {
        var context: TLSContext
        /// The files as they were when `context` was built.
        var loaded: [FileStamp]
        /// The files as they were when a rebuild last failed (reported already).
        var failed: [FileStamp]?
    }

    /// Where the report of a failed reload goes: one line naming the file and the reason.
    public typealias Report = @Sendable (String) -> Void

    private let files: [String]
    private let build: @Sendable () throws(TLSError) -> TLSContext
    private let report: Report
    private let state: Mutex<State>

    /// Loads a server context that follows its files.
    ///
    /// - Throws: ``TLSError`` when the files do not load now (as ``TLSContext/init(server:)``).
    public convenience init(server configuration: TLSServerConfiguration, report: @escaping Report) throws(TLSError) {
        var files = [configuration.certificateChainFile, configuration.privateKeyFile]
        switch configuration.clientCertificates {
        case .none: break
        case .optional(let file), .required(let file): files.append(file)
        }
        try self.init(files: files, report: report) { () throws(TLSError) in try TLSContext(server: configuration) }
    }

    /// Loads a client context that follows its files.
    ///
    /// - Throws: ``TLSError`` when the files do not load now (as ``TLSContext/init(client:)``).
    public convenience init(client configuration: TLSClientConfiguration, report: @escaping Report) throws(TLSError) {
        var files: [String] = []
        if case .certificateAuthorityFile(let file) = configuration.trustRoots { files.append(file) }
        if let certificate = configuration.certificate { files += [certificate.chainFile, certificate.privateKeyFile] }
        try self.init(files: files, report: report) { () throws(TLSError) in try TLSContext(client: configuration) }
    }

    private init(
        files: [String], report: @escaping Report, build: @escaping @Sendable () throws(TLSError) -> TLSContext
    ) throws(TLSError) {
        self.files = files
        self.build = build
        self.report = report
        let loaded = files.map(FileStamp.init)
        state = Mutex(State(context: try build(), loaded: loaded, failed: nil))
    }

    /// The context for a new connection: rebuilt first when a file changed since the last
    /// build, the previous one when the changed files do not load.
    public func current() -> TLSContext {
        let stamps = files.map(FileStamp.init)
        return state.withLock { state in
            if stamps != state.loaded && stamps != state.failed { rebuild(&state, stamps: stamps) }
            return state.context
        }
    }

    /// Rebuilds the context from the files now, changed or not.
    ///
    /// - Returns: whether the files loaded (if not, the previous context stays and the failure
    ///   was reported).
    @discardableResult
    public func reload() -> Bool {
        let stamps = files.map(FileStamp.init)
        return state.withLock { rebuild(&$0, stamps: stamps) }
    }

    @discardableResult
    private func rebuild(_ state: inout State, stamps: [FileStamp]) -> Bool {
        do {
            state.context = try build()
            state.loaded = stamps
            state.failed = nil
            return true
        } catch {
            if state.failed != stamps {
                report("TLS files changed but do not load; still using the previous ones: \(error)")
            }
            state.failed = stamps
            return false
        }
    }
}

/// What `stat` says about a file, enough to tell that it was replaced or rewritten.
struct FileStamp: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int

    /// The file's stamp now; all zero when it cannot be read (missing, mid-rename).
    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            (device, inode, size, modifiedSeconds, modifiedNanoseconds) = (0, 0, 0, 0, 0)
            return
        }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }
}

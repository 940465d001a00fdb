import Foundation

/// A service process's name in leases (the notification service's jobs, the task service's
/// outbox claims): `HOST:DATA-DIR#SLOT`, the same after a restart on this host and data
/// directory (so the restarted process can release its predecessor's leases at once), and
/// different for every process running there at the same time (so none releases a live
/// process's leases).
///
/// The slot is the lowest N for which this process could take an exclusive `flock` on
/// `<data-dir>/worker-N.lock`; the lock is held until the process ends, when the kernel
/// releases it, even after SIGKILL.
struct WorkerIdentity {
    /// The name used in leases.
    let name: String

    /// Most processes sharing one data directory.
    static let slots = 64

    /// Takes the lowest free slot of `dataDirectory`.
    ///
    /// - Throws: ``StartupFailure`` when a lock file cannot be opened or every slot is taken.
    static func acquire(dataDirectory: URL) throws(StartupFailure) -> WorkerIdentity {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for slot in 0..<slots {
            let path = dataDirectory.appendingPathComponent("worker-\(slot).lock").path
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw StartupFailure(
                    "cannot open the worker lock \(path): \(String(cString: strerror(errno))) (errno \(errno))")
            }
            // Held for the life of the process: the descriptor is deliberately never closed.
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                return WorkerIdentity(name: "\(hostName):\(dataDirectory.standardizedFileURL.path)#\(slot)")
            }
            close(descriptor)
        }
        throw StartupFailure("all \(slots) worker slots of \(dataDirectory.path) are taken by running processes")
    }
}

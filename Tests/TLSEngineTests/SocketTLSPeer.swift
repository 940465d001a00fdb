#if canImport(Glibc)
import Glibc
#endif
import TLSEngine

/// A ``TLSSession`` over a real loopback TCP socket, driven by polling: enough to talk to
/// `openssl s_server` and `openssl s_client` in a test without blocking a thread.
final class SocketTLSPeer {
    let session: TLSSession
    private let fd: Int32
    private var unsent: [UInt8] = []
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 1)
    /// Plaintext received so far.
    private(set) var received: [UInt8] = []
    /// Why the session failed, once it has.
    private(set) var failure: TLSError?
    /// Whether the peer closed the TCP connection or the TLS session.
    private(set) var peerClosed = false

    private init(fd: Int32, session: TLSSession) {
        self.fd = fd
        self.session = session
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Connects to 127.0.0.1:`port` (loopback connects at once) and starts a client session.
    static func connect(port: Int, session: TLSSession) throws -> SocketTLSPeer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: port)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            close(fd)
            throw SocketFailure(description: "connect to port \(port): errno \(errno)")
        }
        return SocketTLSPeer(fd: fd, session: session)
    }

    /// Waits (polling) for one connection on `listener` and starts a server session on it.
    static func accept(_ listener: Listener, session: TLSSession, timeout: Duration = .seconds(20)) async throws
        -> SocketTLSPeer
    {
        let giveUp = ContinuousClock.now + timeout
        while ContinuousClock.now < giveUp {
            let fd = Glibc.accept(listener.fd, nil, nil)
            if fd >= 0 { return SocketTLSPeer(fd: fd, session: session) }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw SocketFailure(description: "nobody connected within \(timeout)")
    }

    /// Queues plaintext to send.
    func send(_ text: String) {
        Array(text.utf8).withUnsafeBytes { bytes in
            do throws(TLSError) { try session.writePlaintext(bytes) } catch { failure = error }
        }
    }

    /// Pumps bytes both ways until `done` holds, the session fails, or the peer closes.
    func run(until done: (SocketTLSPeer) -> Bool, timeout: Duration = .seconds(20)) async throws {
        let giveUp = ContinuousClock.now + timeout
        while failure == nil, !peerClosed, !done(self), ContinuousClock.now < giveUp {
            pumpOnce()
            try await Task.sleep(for: .milliseconds(5))
        }
        pumpOnce()
    }

    private func pumpOnce() {
        session.takeCiphertext(appendingTo: &unsent)
        if !unsent.isEmpty {
            let written = unsent.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 { unsent.removeFirst(written) }
        }
        let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
        if count > 0 {
            session.receiveCiphertext(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        } else if count == 0 {
            peerClosed = true
        }
        guard failure == nil else { return }
        do throws(TLSError) {
            while case .bytes(let n) = try session.readPlaintext(into: buffer) {
                received += buffer.prefix(n)
            }
        } catch {
            failure = error
        }
        session.takeCiphertext(appendingTo: &unsent)
        if !unsent.isEmpty {
            let written = unsent.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 { unsent.removeFirst(written) }
        }
    }

    /// The plaintext received so far, as text.
    var receivedText: String { String(decoding: received, as: UTF8.self) }

    fileprivate static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// A non-blocking listening socket on 127.0.0.1 with a port picked by the system.
final class Listener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue), 0)
        self.fd = fd
        var address = SocketTLSPeer.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw SocketFailure(description: "cannot listen on 127.0.0.1: errno \(errno)")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(fd)
    }
}

/// A socket call that failed in a test's set-up.
struct SocketFailure: Error, CustomStringConvertible {
    let description: String
}

#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents

/// Non-blocking stream socket system calls, each failure a ``SocketError`` naming the address.
enum Socket {
    /// Outcome of a non-blocking `connect`.
    enum ConnectProgress {
        case connected
        case inProgress
    }

    /// Opens a non-blocking, close-on-exec stream socket for `address`'s family.
    static func open(for address: SocketAddress, operation: String) throws(SocketError) -> Int32 {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw SocketError(operation: operation, errno: errno, address: address.description)
        }
        if address.family != AF_UNIX {
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        return fd
    }

    /// Binds and listens; for Unix sockets a stale socket file at the path is removed first.
    static func listen(on address: SocketAddress, backlog: Int32 = 1024) throws(SocketError) -> Int32 {
        let fd = try open(for: address, operation: "socket")
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if address.family == AF_UNIX {
            let path = address.description.dropFirst("unix:".count)
            unlink(String(path))
        }
        var storage = address.storage
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, address.length) }
        }
        guard rc == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "bind", errno: code, address: address.description)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw SocketError(operation: "listen", errno: code, address: address.description)
        }
        return fd
    }

    /// Starts a non-blocking connect on a new socket.
    static func connect(to address: SocketAddress) throws(SocketError) -> (Int32, ConnectProgress) {
        let fd = try open(for: address, operation: "socket")
        var storage = address.storage
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        if rc == 0 { return (fd, .connected) }
        let code = errno
        if code == EINPROGRESS || code == EAGAIN { return (fd, .inProgress) }
        close(fd)
        throw SocketError(operation: "connect", errno: code, address: address.description)
    }

    /// The result of a finished non-blocking connect (`SO_ERROR`), thrown if it failed.
    static func checkConnected(_ fd: Int32, to address: SocketAddress) throws(SocketError) {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        if code != 0 {
            throw SocketError(operation: "connect", errno: code, address: address.description)
        }
    }

    /// Accepts one pending connection as a non-blocking socket, or nil when none is pending.
    static func accept(_ listener: Int32) -> Int32? {
        let fd = clinux_accept_nonblocking(listener)
        guard fd >= 0 else { return nil }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// The local address a socket is bound to (to learn the port picked for port 0).
    static func localAddress(_ fd: Int32) -> SocketAddress {
        address(of: fd, getsockname)
    }

    /// The address of a connected socket's peer.
    static func remoteAddress(_ fd: Int32) -> SocketAddress {
        address(of: fd, getpeername)
    }

    private static func address(
        of fd: Int32, _ query: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = query(fd, pointer, &length)
                return SocketAddress(pointer, length: length)
            }
        }
    }
}

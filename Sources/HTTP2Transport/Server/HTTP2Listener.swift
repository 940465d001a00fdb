#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
import Synchronization
import TLSEngine

/// A listening socket on one loop; accepted connections are spread over a loop group and each
/// runs an nghttp2 server session on its loop.
final class HTTP2Listener: LoopChannel, @unchecked Sendable {
    // Safe because: `fd` and the `let`s are set before the listener is shared; `connections`
    // and `state` are guarded by Mutexes; readable/writable/flush run on `loop` only.
    let loop: EventLoop
    private let group: EventLoopGroup
    private let settings: HTTP2Settings
    private let tls: TLSContextReloader?
    private let fd: Int32
    /// The address actually bound (with the port picked by the system for port 0).
    let boundAddress: String
    private let boundPort: Int
    private let onRequest: @Sendable (HTTP2ServerStream) -> Void
    private let connections = Mutex<[ObjectIdentifier: HTTP2Connection]>([:])
    private let state = Mutex(State())

    private struct State {
        var listening = true
        var shutdownWaiter: CheckedContinuation<Void, Never>?
    }

    private init(
        loop: EventLoop, group: EventLoopGroup, settings: HTTP2Settings, tls: TLSContextReloader?, fd: Int32,
        onRequest: @escaping @Sendable (HTTP2ServerStream) -> Void
    ) {
        self.loop = loop
        self.group = group
        self.settings = settings
        self.tls = tls
        self.fd = fd
        let local = Socket.localAddress(fd)
        boundAddress = local.peerName
        boundPort = local.port
        self.onRequest = onRequest
    }

    /// The TCP port bound (0 for Unix sockets).
    var port: Int { boundPort }

    /// Resolves `address` (on a loop thread, not the cooperative pool), binds and listens;
    /// with `tls`, every accepted connection speaks TLS first.
    static func bind(
        to address: TransportAddress, group: EventLoopGroup, settings: HTTP2Settings, tls: TLSContextReloader? = nil,
        onRequest: @escaping @Sendable (HTTP2ServerStream) -> Void
    ) async throws(SocketError) -> HTTP2Listener {
        let loop = group.next()
        let result: Result<HTTP2Listener, SocketError> = await withCheckedContinuation { continuation in
            loop.execute {
                continuation.resume(
                    returning: Result { () throws(SocketError) -> HTTP2Listener in
                        let candidates = try SocketAddress.resolve(address, passive: true)
                        var lastError = SocketError(
                            operation: "bind", errno: EADDRNOTAVAIL, address: address.description)
                        for candidate in candidates {
                            do throws(SocketError) {
                                let fd = try Socket.listen(on: candidate)
                                let listener = HTTP2Listener(
                                    loop: loop, group: group, settings: settings, tls: tls, fd: fd, onRequest: onRequest
                                )
                                try loop.register(fd, listener)
                                return listener
                            } catch {
                                lastError = error
                            }
                        }
                        throw lastError
                    })
            }
        }
        return try result.get()
    }

    func readable() {
        while let client = Socket.accept(fd) {
            let target = group.next()
            target.execute { [self] in adopt(client, on: target) }
        }
    }

    func writable() {}
    func flush() {}
    var flushQueued = false

    private func adopt(_ client: Int32, on target: EventLoop) {
        guard state.withLock({ $0.listening }) else {
            Glibc.close(client)
            return
        }
        var tlsState: TLSConnectionState?
        do throws(TLSError) {
            if let tls { tlsState = TLSConnectionState(session: try tls.current().makeSession()) }
        } catch {
            Glibc.close(client)
            return
        }
        let connection = HTTP2Connection(
            loop: target, fd: client, role: .server, settings: settings,
            remoteAddress: Socket.remoteAddress(client).peerName, localAddress: boundAddress, tls: tlsState)
        connection.onRequest = onRequest
        let key = ObjectIdentifier(connection)
        connections.withLock { $0[key] = connection }
        connection.onClose = { [self] _ in
            let remaining = connections.withLock { connections in
                connections[key] = nil
                return connections.count
            }
            if remaining == 0 { resumeShutdownWaiterIfDone() }
        }
        do {
            try connection.start()
        } catch {
            connections.withLock { $0[key] = nil }
        }
    }

    /// Stops accepting, sends GOAWAY on every connection, and returns once all have closed.
    func shutDownGracefully() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute { [self] in
                state.withLock { state in
                    state.listening = false
                    state.shutdownWaiter = continuation
                }
                loop.deregister(fd)
                Glibc.close(fd)
                let open = connections.withLock { Array($0.values) }
                for connection in open {
                    connection.loop.execute { connection.beginGracefulShutdown() }
                }
                resumeShutdownWaiterIfDone()
            }
        }
    }

    /// Closes every connection at once, after sending what each has queued: their streams end
    /// (the clients see the connection lost) and their handler tasks are cancelled.
    func closeConnections(reason: String) {
        let open = connections.withLock { Array($0.values) }
        for connection in open {
            connection.loop.execute {
                connection.flush()
                connection.close(reason)
            }
        }
    }

    private func resumeShutdownWaiterIfDone() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.listening, connections.withLock({ $0.isEmpty }) else { return nil }
            defer { state.shutdownWaiter = nil }
            return state.shutdownWaiter
        }
        waiter?.resume()
    }
}

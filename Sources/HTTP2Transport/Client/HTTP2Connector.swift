#if canImport(Glibc)
import Glibc
#endif
import TLSEngine

/// Opens a client ``HTTP2Connection``: looks the address up off the loops (``LookupThreads``),
/// then tries each resolved address with a non-blocking connect on a loop, reporting the last
/// failure; gives up with ETIMEDOUT when a time limit passes first.
final class HTTP2Connector: LoopChannel, @unchecked Sendable {
    // Safe because: every stored var is touched only on `loop`'s thread (the loop's callbacks
    // and jobs queued with `execute`).
    private let loop: EventLoop
    private let target: TransportAddress
    private let serverName: String?
    private let settings: HTTP2Settings
    private let tls: TLSContext?
    private var candidates: [SocketAddress] = []
    private var current: (fd: Int32, address: SocketAddress)?
    private var lastError: SocketError?
    private let onClose: @Sendable (String) -> Void
    private var completion: ((Result<HTTP2Connection, SocketError>) -> Void)?
    private var timer: TimerQueue.ID?

    private init(
        loop: EventLoop, target: TransportAddress, candidates: [SocketAddress], serverName: String?,
        settings: HTTP2Settings,
        tls: TLSContext?, onClose: @escaping @Sendable (String) -> Void
    ) {
        self.loop = loop
        self.target = target
        self.candidates = candidates.reversed()
        self.serverName = serverName
        self.settings = settings
        self.tls = tls
        self.onClose = onClose
    }

    /// Connects to `address` on `loop` and starts an HTTP/2 client session there, over TLS
    /// when `tls` is given (its handshake runs as the connection's first bytes);
    /// `onClose` is called on the loop when that connection closes. With a `timeout`, an
    /// attempt still unfinished after it fails with ETIMEDOUT. The TLS server name is
    /// `serverName`, else the address's host.
    static func connect(
        to address: TransportAddress, on loop: EventLoop, settings: HTTP2Settings, tls: TLSContext? = nil,
        timeout: Duration? = nil, serverName: String? = nil,
        onClose: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(SocketError) -> HTTP2Connection {
        let candidates = try await SocketAddress.lookUp(address)
        var name = serverName
        if name == nil, case .tcp(let host, _) = address { name = host }
        let result = await withCheckedContinuation {
            [name] (continuation: CheckedContinuation<Result<HTTP2Connection, SocketError>, Never>) in
            loop.execute {
                let connector = HTTP2Connector(
                    loop: loop, target: address, candidates: candidates, serverName: name, settings: settings, tls: tls,
                    onClose: onClose)
                connector.completion = { continuation.resume(returning: $0) }
                if let timeout { connector.limit(to: timeout) }
                connector.tryNext()
            }
        }
        return try result.get()
    }

    private func tryNext() {
        guard let address = candidates.popLast() else {
            return finish(
                .failure(
                    lastError
                        ?? SocketError(
                            operation: "getaddrinfo", errno: EADDRNOTAVAIL, address: target.description,
                            message: "no addresses")))
        }
        do {
            let (fd, progress) = try Socket.connect(to: address)
            current = (fd, address)
            switch progress {
            case .connected:
                established()
            case .inProgress:
                try loop.register(fd, self, writable: true)
            }
        } catch {
            if let fd = current?.fd { Glibc.close(fd) }
            current = nil
            lastError = error
            tryNext()
        }
    }

    func writable() {
        guard let (fd, address) = current else { return }
        loop.deregister(fd)
        do {
            try Socket.checkConnected(fd, to: address)
            established()
        } catch {
            Glibc.close(fd)
            current = nil
            lastError = error
            tryNext()
        }
    }

    func readable() {
        writable()
    }

    func flush() {}
    var flushQueued = false

    private func established() {
        guard let (fd, address) = current else { return }
        current = nil
        var tlsState: TLSConnectionState?
        do throws(TLSError) {
            if let tls { tlsState = TLSConnectionState(session: try tls.makeSession(serverName: serverName)) }
        } catch {
            Glibc.close(fd)
            return finish(
                .failure(
                    SocketError(
                        operation: "TLS", errno: EPROTO, address: address.description, message: error.description)))
        }
        let connection = HTTP2Connection(
            loop: loop, fd: fd, role: .client, settings: settings,
            remoteAddress: address.peerName, localAddress: Socket.localAddress(fd).peerName, tls: tlsState)
        connection.onClose = onClose
        do {
            try connection.start()
            finish(.success(connection))
        } catch {
            finish(.failure(error))
        }
    }

    /// Fails the attempt with ETIMEDOUT if it has not finished after `timeout`.
    private func limit(to timeout: Duration) {
        timer = loop.timers.schedule(after: timeout) { [self] in
            timer = nil
            if let fd = current?.fd {
                loop.deregister(fd)
                Glibc.close(fd)
            }
            current = nil
            candidates = []
            finish(.failure(SocketError(operation: "connect", errno: ETIMEDOUT, address: target.description)))
        }
    }

    private func finish(_ result: Result<HTTP2Connection, SocketError>) {
        if let timer { loop.timers.cancel(timer) }
        timer = nil
        let completion = self.completion
        self.completion = nil
        completion?(result)
    }
}

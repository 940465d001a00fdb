import GRPCProtocol
import RPCCore
import Synchronization
import TLSEngine

/// A gRPC server transport over HTTP/2 (cleartext h2c, or TLS with ALPN h2) on libnghttp2.
///
/// Connections are spread over an ``EventLoopGroup``; each stream's handler task runs on its
/// connection's loop (`Task(executorPreference:)`), so a call needs no cross-thread hop.
public final class HTTP2ServerTransport: ServerTransport {
    /// Request parts of one stream.
    public typealias Inbound = HTTP2RequestStream
    /// Writer of one stream's response parts.
    public typealias Outbound = HTTP2ResponseWriter

    private let address: TransportAddress
    private let settings: HTTP2Settings
    private let group: EventLoopGroup
    private let maxReceiveMessageSize: Int
    private let compression: CompressionConfiguration
    private let tls: TLSServerConfiguration?
    /// The TLS context, once ``listen(_:)`` loaded it; it follows its files.
    private let tlsContexts = Mutex<TLSContextReloader?>(nil)
    private let handlers = HandlerTracker()
    private let grace = GracePeriodTimer()
    private let state = Mutex(State())

    private struct State {
        var bound: Result<TransportAddress, RPCError>?
        var boundWaiters: [CheckedContinuation<Result<TransportAddress, RPCError>, Never>] = []
        var shutdownRequested = false
        var shutdownWaiter: CheckedContinuation<Void, Never>?
    }

    /// Creates a transport that will listen on `address` (TCP port 0 picks a free port).
    ///
    /// - Parameters:
    ///   - settings: HTTP/2 settings and windows announced to clients.
    ///   - group: the loops serving connections.
    ///   - maxReceiveMessageSize: larger request messages (compressed or inflated) fail the
    ///     stream with RESOURCE_EXHAUSTED.
    ///   - compression: the message encodings accepted (others: UNIMPLEMENTED listing these)
    ///     and the default one for responses.
    ///   - tls: serve TLS (ALPN h2 required) with this certificate and client-certificate
    ///     policy; nil for cleartext HTTP/2. Handlers see a verified client certificate as
    ///     ``ServerContext/peerIdentity``. The certificate, key and CA files are looked at again
    ///     for each new connection and reloaded when they changed (open connections keep theirs);
    ///     files that do not load are reported once on standard error and the previous ones kept.
    public init(
        address: TransportAddress, settings: HTTP2Settings = HTTP2Settings(), group: EventLoopGroup = .shared,
        maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize,
        compression: CompressionConfiguration = CompressionConfiguration(), tls: TLSServerConfiguration? = nil
    ) {
        self.address = address
        self.settings = settings
        self.group = group
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.compression = compression
        self.tls = tls
    }

    /// Loads the TLS certificate, key and CA files again now, changed or not (pinit does on
    /// SIGHUP); new connections use them, open ones keep theirs.
    ///
    /// - Returns: false when the files do not load (the previous ones stay in use, and the
    ///   failure was reported) or the transport serves no TLS or does not listen yet.
    @discardableResult
    public func reloadTLS() -> Bool {
        tlsContexts.withLock { $0 }?.reload() ?? false
    }

    /// The address being listened on, with the actual port; waits until ``listen(_:)`` bound it.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when binding failed.
    public func listeningAddress() async throws(RPCError) -> TransportAddress {
        let result = await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<TransportAddress, RPCError>? in
                if let bound = state.bound { return bound }
                state.boundWaiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        return try result.get()
    }

    /// Listens, accepting streams until ``beginGracefulShutdown()``; returns once every
    /// connection has closed and every handler task has finished.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) naming the address and errno when it cannot listen,
    ///   or the file when the TLS certificate, key or CA file cannot be loaded.
    public func listen(
        _ handler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) async throws(RPCError) {
        var context: TLSContextReloader?
        do throws(TLSError) {
            if let tls { context = try TLSContextReloader(server: tls, report: TLSReports.toStandardError) }
            tlsContexts.withLock { $0 = context }
        } catch {
            let failure = RPCError(code: .unavailable, message: "cannot listen: \(error)", cause: error)
            publish(.failure(failure))
            throw failure
        }
        let listener: HTTP2Listener
        do {
            listener = try await HTTP2Listener.bind(to: address, group: group, settings: settings, tls: context) {
                [handlers, maxReceiveMessageSize, compression] stream in
                Self.accept(
                    stream, maxReceiveMessageSize: maxReceiveMessageSize,
                    compression: compression, handlers: handlers, handler: handler)
            }
        } catch {
            let failure = RPCError(code: .unavailable, message: "cannot listen: \(error)", cause: error)
            publish(.failure(failure))
            throw failure
        }
        switch address {
        case .tcp(let host, _): publish(.success(.tcp(host: host, port: listener.port)))
        case .unix: publish(.success(address))
        }
        await withCheckedContinuation { continuation in
            let already = state.withLock { state in
                state.shutdownWaiter = continuation
                return state.shutdownRequested
            }
            if already { resumeShutdownWaiter() }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listener.shutDownGracefully() }
            group.addTask { [grace] in
                // The grace period's end, or the serving task's cancellation (stop now), ends
                // the calls left; once every connection closed this closes none.
                if await grace.waitForEnd() || Task.isCancelled {
                    listener.closeConnections(reason: "the server's shutdown grace period ended")
                }
            }
            // Whichever ends first: the last connection closing ends the wait for the grace
            // period; the grace period ending closes the connections left.
            await group.next()
            group.cancelAll()
        }
        await handlers.waitUntilIdle()
    }

    /// Stops accepting: sends GOAWAY on every connection; open streams run to their end,
    /// then ``listen(_:)`` returns. Calling it again does nothing.
    public func beginGracefulShutdown() {
        state.withLock { $0.shutdownRequested = true }
        resumeShutdownWaiter()
    }

    /// Stops accepting as ``beginGracefulShutdown()`` does; connections still open after
    /// `gracePeriod` are closed, which cancels their handlers (clients see UNAVAILABLE).
    /// A later call with a shorter period shortens the grace.
    public func beginGracefulShutdown(gracePeriod: Duration) {
        grace.start(gracePeriod)
        beginGracefulShutdown()
    }

    private func resumeShutdownWaiter() {
        let waiter = state.withLock { state in
            defer { state.shutdownWaiter = nil }
            return state.shutdownWaiter
        }
        waiter?.resume()
    }

    private func publish(_ result: Result<TransportAddress, RPCError>) {
        let waiters = state.withLock { state in
            state.bound = result
            defer { state.boundWaiters = [] }
            return state.boundWaiters
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// Validates a request's headers and starts its handler on the connection's loop, or
    /// answers the rejection itself (called on the loop, inside nghttp2's callback).
    static func accept(
        _ stream: HTTP2ServerStream, maxReceiveMessageSize: Int,
        compression: CompressionConfiguration, handlers: HandlerTracker,
        handler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) {
        let head: ServerRequestHead
        switch stream.acceptRequestHead(compression: compression, maxReceiveMessageSize: maxReceiveMessageSize) {
        case .success(let accepted):
            head = accepted
        case .failure(let rejection):
            if let fields = rejection.responseHeaderFields {
                stream.sendResponseHeaders(.fields(fields), endStream: true)
            } else if case .reset(let code, _) = rejection {
                stream.reset(code: code.rawValue)
            }
            return
        }
        let callCompression = CallCompression(algorithm: compression.defaultResponseAlgorithm)
        let rules = ServerResponseStateMachine(head: head, compression: compression)
        let rpc = RPCStream(
            descriptor: head.descriptor,
            inbound: HTTP2RequestStream(stream: stream, metadata: head.metadata, compression: callCompression),
            outbound: HTTP2ResponseWriter(stream: stream, rules: ResponseRules(rules, compression: callCompression)))
        let connection = stream.connection
        var context = ServerContext(
            descriptor: head.descriptor, remotePeer: connection.remoteAddress, localPeer: connection.localAddress,
            deadline: head.timeout.map { ContinuousClock.now.advanced(by: $0) }, compression: callCompression)
        if let certificate = connection.tls?.session.peerCertificate {
            context.peerIdentity = PeerIdentity(
                subject: certificate.subject, dnsNames: certificate.dnsNames, uris: certificate.uris,
                sha256Fingerprint: certificate.sha256Fingerprint)
        }
        handlers.enter()
        stream.handlerTask = connection.loop.handlerWorkers.run { [context] in
            await handler(rpc, context)
            stream.handlerReturned()
            handlers.leave()
        }
    }
}

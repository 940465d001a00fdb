#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
import RPCCore
import Synchronization
import TLSEngine

/// A gRPC client channel over HTTP/2 (cleartext h2c, or TLS with ALPN h2) on libnghttp2: one
/// connection per address, many concurrent streams on each, calls spread round-robin over the
/// ready ones.
///
/// Nothing connects until the first call. A connection that fails is retried with gRPC's
/// connection backoff; one that closes or receives GOAWAY is replaced when a call needs it
/// (streams already open on it run to their end). While no connection is ready and every
/// address has failed, a call fails at once with UNAVAILABLE, unless it asked to wait for
/// ready (``CallOptions/waitForReady``): then it waits for a connection until its deadline.
public final class HTTP2ClientTransport: ClientTransport {
    /// Response parts of one stream.
    public typealias Inbound = HTTP2ResponseStream
    /// Writer of one stream's request parts.
    public typealias Outbound = HTTP2RequestWriter

    private let authority: String
    /// The `grpc-accept-encoding` every request carries, joined once: one element, which the
    /// request head sends as is.
    private let acceptedEncodings: [String]
    private let tls: TLSClientConfiguration?
    /// One per address of a fixed list, in the order given (read on every call, without a lock).
    private let fixed: [Subchannel]
    /// For a `dns:` target: its subchannels, one per address of the latest answer.
    private let resolver: DNSResolver?
    private let changes: ChannelChanges
    /// The target's name (the addresses, or `dns:///host:port`): clients of one share their
    /// retry throttle.
    private let targetName: String
    /// Whether calls go to the first ready address (`pick_first`) rather than round-robin.
    private let picksFirst = Atomic<Bool>(false)
    private let nextPick = Atomic<UInt>(0)
    private let state = Mutex(State())

    private struct State {
        var shutdownRequested = false
        var openStreams = 0
        var closed = false
        var closedWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates a channel to `target`; nothing connects until the first stream.
    ///
    /// - Parameters:
    ///   - authority: the `:authority` sent; defaults to the target's `host:port`.
    ///   - settings: HTTP/2 settings and windows announced to the server, and keepalive.
    ///   - backoff: the waits between failed connection attempts and each attempt's time limit.
    ///   - group: the loops; each connection runs on one of them.
    ///   - compression: the response encodings advertised in `grpc-accept-encoding`.
    ///   - tls: connect with TLS (ALPN h2) trusting, expecting and presenting what it names;
    ///     nil for cleartext HTTP/2. A handshake failure fails the calls with UNAVAILABLE and a
    ///     message naming the reason (unknown CA, name mismatch, no ALPN h2, ...).
    public convenience init(
        target: TransportAddress, authority: String? = nil, settings: HTTP2Settings = HTTP2Settings(),
        backoff: ConnectionBackoff = ConnectionBackoff(), group: EventLoopGroup = .shared,
        compression: CompressionConfiguration = CompressionConfiguration(), tls: TLSClientConfiguration? = nil
    ) {
        self.init(
            targets: [target], authority: authority, settings: settings, backoff: backoff, group: group,
            compression: compression, tls: tls)
    }

    /// Creates a channel to several addresses of one service; calls are spread round-robin
    /// over those with a ready connection. Nothing connects until the first stream.
    ///
    /// - Parameters:
    ///   - authority: the `:authority` sent; defaults to the first target's `host:port`.
    ///   - settings: HTTP/2 settings and windows announced to the servers, and keepalive.
    ///   - backoff: the waits between failed connection attempts and each attempt's time limit.
    ///   - group: the loops; each connection runs on one of them.
    ///   - compression: the response encodings advertised in `grpc-accept-encoding`.
    ///   - tls: connect with TLS (ALPN h2), as in ``init(target:authority:settings:backoff:group:compression:tls:)``.
    public convenience init(
        targets: [TransportAddress], authority: String? = nil, settings: HTTP2Settings = HTTP2Settings(),
        backoff: ConnectionBackoff = ConnectionBackoff(), group: EventLoopGroup = .shared,
        compression: CompressionConfiguration = CompressionConfiguration(), tls: TLSClientConfiguration? = nil
    ) {
        self.init(
            addresses: .fixed(targets), authority: authority, settings: settings, backoff: backoff, group: group,
            compression: compression, tls: tls)
    }

    /// Where the addresses of a channel come from.
    enum Addresses {
        /// A fixed list.
        case fixed([TransportAddress])
        /// The A and AAAA records of a host name, looked up with `lookup` as `resolution` says;
        /// `report` hears once that the name stopped resolving.
        case dns(
            host: String, port: Int, resolution: DNSResolution, lookup: HostLookup = SocketAddress.systemLookup,
            report: @Sendable (String) -> Void = HTTP2ClientTransport.reportToStandardError)
    }

    /// Creates a channel to `addresses`; a `dns` one starts resolving at once, and nothing
    /// connects until the first stream.
    init(
        addresses: Addresses, authority: String?, settings: HTTP2Settings, backoff: ConnectionBackoff,
        group: EventLoopGroup, compression: CompressionConfiguration, tls: TLSClientConfiguration?
    ) {
        acceptedEncodings = [compression.acceptEncodingHeader]
        self.tls = tls
        let tlsContexts = tls.map(ClientTLSContexts.init)
        let changes = ChannelChanges()
        self.changes = changes
        switch addresses {
        case .fixed(let targets):
            targetName = targets.map(\.description).joined(separator: ",")
            switch targets.first {
            case .tcp(let host, let port):
                self.authority = authority ?? TransportAddress.tcp(host: host, port: port).description
            case .unix, nil: self.authority = authority ?? "localhost"
            }
            fixed = targets.map { target in
                Subchannel(
                    address: target, settings: settings, tls: tlsContexts, backoff: backoff, group: group,
                    onChange: changes.changed)
            }
            resolver = nil
        case .dns(let host, let port, let resolution, let lookup, let report):
            targetName = "dns:///\(TransportAddress.tcp(host: host, port: port))"
            self.authority = authority ?? TransportAddress.tcp(host: host, port: port).description
            fixed = []
            let resolver = DNSResolver(
                host: host, port: port, resolution: resolution, lookup: lookup,
                makeSubchannel: { address, onDisconnect in
                    Subchannel(
                        address: address, serverName: host, settings: settings, tls: tlsContexts, backoff: backoff,
                        group: group,
                        onChange: changes.changed, onDisconnect: onDisconnect)
                },
                onChange: changes.changed, report: report)
            self.resolver = resolver
            resolver.start()
        }
    }

    deinit {
        // A channel dropped without shutting down stops reconnecting and closes its connections.
        shutDownSubchannels()
    }

    /// Writes a resolver's report to standard error, as one line.
    static let reportToStandardError: @Sendable (String) -> Void = { message in
        var line = "HTTP2ClientTransport: \(message)\n"
        line.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }

    /// The subchannels now: the fixed list, or those of the resolver's latest answer.
    var subchannels: [Subchannel] {
        guard let resolver else { return fixed }
        if case .addresses(let list) = resolver.answer { return list }
        return []
    }

    private func shutDownSubchannels() {
        resolver?.shutDown()
        for subchannel in fixed { subchannel.shutDown() }
    }

    /// Returns once ``beginGracefulShutdown()`` was called and every stream ended. Nothing
    /// needs it running: connections are opened by the calls and kept (reconnected, resolved,
    /// pinged) by the event loops, so this only waits for the transport's end.
    public func run() async throws(RPCError) {
        await withCheckedContinuation { continuation in
            let closed = state.withLock { state in
                if state.closed { return true }
                state.closedWaiters.append(continuation)
                return false
            }
            if closed { continuation.resume() }
        }
    }

    /// Opens a stream for `descriptor`, runs `body` with it, and resets the stream with
    /// CANCEL if `body` ends before the server's status arrived.
    /// `body` runs with the connection's event loop as its preferred executor.
    ///
    /// - Throws: ``RPCError``: UNAVAILABLE when shutting down, or when no address is reachable
    ///   and the call does not wait for ready; CANCELLED when the task is cancelled while
    ///   waiting for a connection; or what `body` throws.
    public nonisolated(nonsending) func withStream<Result>(
        descriptor: MethodDescriptor, options: CallOptions,
        _ body: nonisolated(nonsending) (RPCStream<Inbound, Outbound>) async throws -> Result
    ) async throws -> Result {
        try admitStream()
        defer { streamEnded() }
        let waitForReady = options.waitForReady
        let picked = try await connection(waitForReady: waitForReady)
        let head = requestHead(descriptor, options)
        options.messageCompression?.algorithm = options.compression
        let call = ClientCall(
            transport: self, waitForReady: waitForReady, picked: picked, head: head,
            requestEncoding: options.compression, compression: options.messageCompression)
        let stream = RPCStream(
            descriptor: descriptor,
            inbound: HTTP2ResponseStream(
                call: call, maxReceiveMessageSize: options.maxReceiveMessageSize,
                compression: options.messageCompression),
            outbound: HTTP2RequestWriter(call: call))
        defer { call.end() }
        // The call's own work (writes, reads, decoding) runs on the connection's loop, next
        // to its stream: no thread hop per part. Code isolated to an actor stays on it.
        return try await withTaskExecutorPreference(picked.loop) {
            try await body(stream)
        }
    }

    /// Takes `config`'s load-balancing policy, when it names one, for the channel (round-robin
    /// until a config asks for `pick_first`) and returns the retry throttle shared by every
    /// client of this target in the process.
    public func adopt(_ config: ServiceConfig) -> RetryThrottle? {
        if let policy = config.loadBalancing { picksFirst.store(policy == .pickFirst, ordering: .relaxed) }
        return config.retryThrottling.map { RetryThrottle.shared(target: targetName, policy: $0) }
    }

    /// Stops opening streams and fails calls still waiting for a connection (UNAVAILABLE);
    /// open streams run to their end, then the connections close and ``run()`` returns.
    public func beginGracefulShutdown() {
        state.withLock { $0.shutdownRequested = true }
        changes.shutDown()
        closeIfIdle()
    }

    /// Whether a connection that takes new streams is open now.
    var hasUsableConnection: Bool { readyConnectionCount > 0 }

    /// How many addresses have a connection that takes new streams now.
    var readyConnectionCount: Int {
        subchannels.count { if case .ready = $0.phase { true } else { false } }
    }

    /// Counts a new stream, unless the transport is shutting down.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when it is.
    func admitStream() throws(RPCError) {
        let admitted = state.withLock { state in
            guard !state.shutdownRequested else { return false }
            state.openStreams += 1
            return true
        }
        guard admitted else { throw RPCError(code: .unavailable, message: "the client transport is shutting down") }
    }

    /// The request head of a call of `descriptor` with `options` (no metadata yet): the
    /// time left until its deadline as `grpc-timeout`, its compression as `grpc-encoding`.
    func requestHead(_ descriptor: MethodDescriptor, _ options: CallOptions) -> ClientRequestHead {
        let timeout = options.deadline.map { ContinuousClock.now.duration(to: $0) }
        return ClientRequestHead(
            scheme: tls == nil ? "http" : "https", authority: authority, descriptor: descriptor,
            timeout: timeout.map { max($0, .zero) },
            encoding: options.compression == .identity ? nil : options.compression.name,
            acceptedEncodings: acceptedEncodings)
    }

    /// A stream counted by ``admitStream()`` ended.
    func streamEnded() {
        state.withLock { $0.openStreams -= 1 }
        closeIfIdle()
    }

    private func closeIfIdle() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
            guard state.shutdownRequested, state.openStreams == 0, !state.closed else { return nil }
            state.closed = true
            defer { state.closedWaiters = [] }
            return state.closedWaiters
        }
        guard let waiters else { return }
        shutDownSubchannels()
        for waiter in waiters { waiter.resume() }
    }

    /// A ready connection, chosen as the load-balancing policy says; waits while an attempt is
    /// under way (or, with `waitForReady`, until one succeeds).
    nonisolated(nonsending) func connection(waitForReady: Bool) async throws(RPCError) -> HTTP2Connection {
        if case .ready(let connection) = pick() { return connection }
        while true {
            let generation = changes.generation
            switch pick() {
            case .ready(let connection): return connection
            case .failed(let error) where !waitForReady: throw error
            case .failed, .pending: break
            }
            switch await changes.wait(after: generation) {
            case .changed: continue
            case .cancelled:
                throw RPCError(code: .cancelled, message: "the call was cancelled while waiting for a connection")
            case .shutDown: throw RPCError(code: .unavailable, message: "the client transport is shutting down")
            }
        }
    }

    private enum Pick {
        case ready(HTTP2Connection)
        case pending
        case failed(RPCError)
    }

    /// A ready connection as the policy picks it, pending while an attempt is under way, else
    /// the last failure.
    private func pick() -> Pick {
        let subchannels: [Subchannel]
        switch resolver?.answer {
        case nil: subchannels = fixed
        case .pending: return .pending
        case .failed(let error): return .failed(error)
        case .addresses(let list): subchannels = list
        }
        let pick = picksFirst.load(ordering: .relaxed) ? pickFirst(subchannels) : roundRobin(subchannels)
        guard case .failed(let failure) = pick, subchannels.count > 1 else { return pick }
        return .failed(
            RPCError(
                code: .unavailable,
                message: "none of the \(subchannels.count) addresses is reachable; last error: \(failure.message)",
                cause: failure.cause))
    }

    /// Round-robin: looks at every subchannel, asking idle ones to connect, and takes the
    /// ready ones in turn.
    private func roundRobin(_ subchannels: [Subchannel]) -> Pick {
        var firstReady: HTTP2Connection?
        var readyCount = 0
        var pending = false
        var failure: RPCError?
        for subchannel in subchannels {
            switch subchannel.phase {
            case .ready(let connection):
                if firstReady == nil { firstReady = connection }
                readyCount += 1
            case .idle:
                subchannel.requestConnection()
                pending = true
            case .connecting:
                pending = true
            case .transientFailure(let error):
                failure = error
            case .shutdown:
                break
            }
        }
        if readyCount == 1, let firstReady { return .ready(firstReady) }
        if readyCount > 1 {
            // The n-th ready subchannel, counting again (no array per call).
            var remaining = Int(nextPick.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(readyCount))
            for subchannel in subchannels {
                guard case .ready(let connection) = subchannel.phase else { continue }
                if remaining == 0 { return .ready(connection) }
                remaining -= 1
            }
            return firstReady.map { .ready($0) } ?? .pending
        }
        if pending { return .pending }
        return .failed(failure ?? Self.noAddress)
    }

    /// Pick-first: the first ready address in order; while none is ready, connects only to
    /// the first that has not failed, moving down the list as addresses fail.
    private func pickFirst(_ subchannels: [Subchannel]) -> Pick {
        for subchannel in subchannels {
            if case .ready(let connection) = subchannel.phase { return .ready(connection) }
        }
        var failure: RPCError?
        for subchannel in subchannels {
            switch subchannel.phase {
            case .idle:
                subchannel.requestConnection()
                return .pending
            case .connecting:
                return .pending
            case .transientFailure(let error):
                failure = error
            case .ready, .shutdown:
                continue
            }
        }
        return .failed(failure ?? Self.noAddress)
    }

    private static let noAddress = RPCError(code: .unavailable, message: "the channel has no address to connect to")
}

import GRPCProtocol
import RPCCore
import Synchronization
import TLSEngine

/// A gRPC client transport over HTTP/2 (cleartext h2c, or TLS with ALPN h2) on libnghttp2: one connection, many
/// concurrent streams; opens a new connection on demand when the last one was lost or the
/// server sent GOAWAY (streams already open on the old one run to their end).
public final class HTTP2ClientTransport: ClientTransport {
    /// Response parts of one stream.
    public typealias Inbound = HTTP2ResponseStream
    /// Writer of one stream's request parts.
    public typealias Outbound = HTTP2RequestWriter

    private let target: TransportAddress
    private let authority: String
    private let settings: HTTP2Settings
    /// The `grpc-accept-encoding` every request carries.
    private let acceptedEncodings: [String]
    private let group: EventLoopGroup
    private let tls: TLSClientConfiguration?
    private let state = Mutex(State())

    private struct State {
        var connection: HTTP2Connection?
        var connecting: [CheckedContinuation<Result<HTTP2Connection, RPCError>, Never>]?
        var shutdownRequested = false
        var openStreams = 0
        var idleWaiter: CheckedContinuation<Void, Never>?
    }

    /// Creates a transport to `target`; nothing connects until ``connect()`` or the first stream.
    ///
    /// - Parameters:
    ///   - authority: the `:authority` sent; defaults to the target's `host:port`.
    ///   - settings: HTTP/2 settings and windows announced to the server.
    ///   - group: the loops; the connection runs on one of them.
    ///   - compression: the response encodings advertised in `grpc-accept-encoding`.
    ///   - tls: connect with TLS (ALPN h2) trusting, expecting and presenting what it names;
    ///     nil for cleartext HTTP/2. A handshake failure fails the calls with UNAVAILABLE and a
    ///     message naming the reason (unknown CA, name mismatch, no ALPN h2, ...).
    public init(
        target: TransportAddress, authority: String? = nil, settings: HTTP2Settings = HTTP2Settings(),
        group: EventLoopGroup = .shared, compression: CompressionConfiguration = CompressionConfiguration(),
        tls: TLSClientConfiguration? = nil
    ) {
        acceptedEncodings = compression.acceptEncodingHeader.split(separator: ",").map(String.init)
        self.target = target
        switch target {
        case .tcp: self.authority = authority ?? target.description
        case .unix: self.authority = authority ?? "localhost"
        }
        self.settings = settings
        self.group = group
        self.tls = tls
    }

    /// Connects, then runs until ``beginGracefulShutdown()`` was called and every stream ended.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) naming the address and errno when it cannot connect,
    ///   such as `connect to 127.0.0.1:1 failed: Connection refused (errno 111)`.
    public func connect() async throws(RPCError) {
        _ = try await connection()
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state in
                if state.shutdownRequested && state.openStreams == 0 { return true }
                state.idleWaiter = continuation
                return false
            }
            if idle { continuation.resume() }
        }
        let connection = state.withLock { state in
            defer { state.connection = nil }
            return state.connection
        }
        if let connection {
            connection.loop.execute { connection.beginGracefulShutdown() }
        }
    }

    /// Opens a stream for `descriptor`, runs `body` with it, and resets the stream with
    /// CANCEL if `body` ends before the server's status arrived.
    /// `body` runs with the connection's event loop as its preferred executor.
    ///
    /// - Throws: ``RPCError`` (UNAVAILABLE) when shut down or unable to connect, or what
    ///   `body` throws.
    public nonisolated(nonsending) func withStream<Result>(
        descriptor: MethodDescriptor, options: CallOptions,
        _ body: nonisolated(nonsending) (RPCStream<Inbound, Outbound>) async throws -> Result
    ) async throws -> Result {
        let admitted = state.withLock { state in
            guard !state.shutdownRequested else { return false }
            state.openStreams += 1
            return true
        }
        guard admitted else { throw RPCError(code: .unavailable, message: "the client transport is shutting down") }
        defer { streamEnded() }
        let current = try await connection()
        let timeout = options.deadline.map { ContinuousClock.now.duration(to: $0) }
        let head = ClientRequestHead(
            scheme: tls == nil ? "http" : "https", authority: authority, descriptor: descriptor,
            timeout: timeout.map { max($0, .zero) },
            encoding: options.compression == .identity ? nil : options.compression.name,
            acceptedEncodings: acceptedEncodings)
        options.messageCompression?.algorithm = options.compression
        let call = ClientCall(
            connection: { () async throws(RPCError) in try await self.connection() }, head: head,
            requestEncoding: options.compression, compression: options.messageCompression)
        let stream = RPCStream(
            descriptor: descriptor,
            inbound: HTTP2ResponseStream(
                call: call, maxReceiveMessageSize: options.maxReceiveMessageSize, compression: options.messageCompression),
            outbound: HTTP2RequestWriter(call: call))
        defer { call.end() }
        // The call's own work (writes, reads, decoding) runs on the connection's loop, next
        // to its stream: no thread hop per part. Code isolated to an actor stays on it.
        return try await withTaskExecutorPreference(current.loop) {
            try await body(stream)
        }
    }

    /// Stops opening streams; open ones run to their end, then ``connect()`` returns.
    public func beginGracefulShutdown() {
        let waiter = state.withLock { state in
            state.shutdownRequested = true
            return state.openStreams == 0 ? state.idleWaiter.take() : nil
        }
        waiter?.resume()
    }

    /// Whether a connection that takes new streams is open now.
    var hasUsableConnection: Bool {
        state.withLock { $0.connection?.isUsable ?? false }
    }

    private func streamEnded() {
        let waiter = state.withLock { state in
            state.openStreams -= 1
            return state.shutdownRequested && state.openStreams == 0 ? state.idleWaiter.take() : nil
        }
        waiter?.resume()
    }

    /// The current connection, connecting first when there is none (callers share one attempt).
    private func connection() async throws(RPCError) -> HTTP2Connection {
        enum Step { case ready(HTTP2Connection), wait, start }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTP2Connection, RPCError>, Never>) in
            let step = state.withLock { state -> Step in
                if let connection = state.connection, connection.isUsable { return .ready(connection) }
                if state.connecting != nil {
                    state.connecting!.append(continuation)
                    return .wait
                }
                state.connecting = [continuation]
                return .start
            }
            switch step {
            case .ready(let connection): continuation.resume(returning: .success(connection))
            case .wait: break
            case .start: Task { await establish() }
            }
        }
        return try result.get()
    }

    private func establish() async {
        let result: Result<HTTP2Connection, RPCError>
        do {
            // Loaded for each connection, so replaced CA files take effect on reconnect.
            let context = try tls.map(TLSContext.init(client:))
            let connection = try await HTTP2Connector.connect(to: target, on: group.next(), settings: settings, tls: context) {
                [weak self] _ in self?.connectionClosed()
            }
            result = .success(connection)
        } catch let error as TLSError {
            result = .failure(RPCError(code: .unavailable, message: error.description, cause: error))
        } catch {
            result = .failure(RPCError(code: .unavailable, message: "\(error)", cause: error))
        }
        let waiters = state.withLock { state in
            if case .success(let connection) = result { state.connection = connection }
            defer { state.connecting = nil }
            return state.connecting ?? []
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    private func connectionClosed() {
        state.withLock { state in
            if let connection = state.connection, !connection.isUsable { state.connection = nil }
        }
    }
}

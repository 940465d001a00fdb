import GRPCProtocol
import RPCCore
import Synchronization
import TLSEngine

/// The connection of a client channel to one address, and its reconnection with gRPC's
/// connection backoff.
///
/// Starts idle and connects only when asked (``requestConnection()``). A failed attempt puts
/// it in transient failure, and it tries again once the backoff has passed, until one
/// succeeds or the channel shuts down. When a ready connection closes or receives GOAWAY, it
/// goes back to idle: the next call that needs it reconnects at once, with a fresh backoff.
/// A server that closed the connection with GOAWAY ENHANCE_YOUR_CALM (too many pings) gets
/// keepalive PINGs half as often on the next connections, as gRPC clients do.
final class Subchannel: Sendable {
    /// Where the subchannel stands.
    enum Phase: Sendable {
        /// No connection and no attempt under way.
        case idle
        /// An attempt is under way.
        case connecting
        /// A connection that takes new streams.
        case ready(HTTP2Connection)
        /// The last attempt failed with this error; the next starts after the backoff.
        case transientFailure(RPCError)
        /// The channel shut down.
        case shutdown
    }

    /// The address connected to.
    let address: TransportAddress
    /// The TLS server name when it is not the address's host (a name resolved to this address).
    private let serverName: String?
    /// Called when an attempt fails or a ready connection closes (a hint to re-resolve).
    private let onDisconnect: @Sendable () -> Void
    private let settings: HTTP2Settings
    private let tls: ClientTLSContexts?
    private let backoff: ConnectionBackoff
    private let group: EventLoopGroup
    private let onChange: @Sendable () -> Void
    private let state = Mutex<State>(State())

    private struct State {
        var phase = Phase.idle
        var attempts: Task<Void, Never>?
        var keepalive: ClientKeepalive?
    }

    /// The connection an attempt made, for that connection's close handler.
    private final class Attempt: Sendable {
        let connection = Mutex<HTTP2Connection?>(nil)
    }

    /// Creates an idle subchannel; `onChange` is called after every change of phase,
    /// `onDisconnect` after a failed attempt or when a ready connection closes.
    init(
        address: TransportAddress, serverName: String? = nil, settings: HTTP2Settings, tls: ClientTLSContexts?,
        backoff: ConnectionBackoff, group: EventLoopGroup, onChange: @escaping @Sendable () -> Void,
        onDisconnect: @escaping @Sendable () -> Void = {}
    ) {
        self.address = address
        self.serverName = serverName
        self.onDisconnect = onDisconnect
        self.settings = settings
        self.tls = tls
        self.backoff = backoff
        self.group = group
        self.onChange = onChange
        state.withLock { $0.keepalive = settings.keepalive }
    }

    /// The keepalive the next connection uses: the settings', slowed down after each
    /// GOAWAY ENHANCE_YOUR_CALM.
    var keepalive: ClientKeepalive? { state.withLock { $0.keepalive } }

    /// The current phase; a ready connection that stopped taking streams reads as idle.
    var phase: Phase {
        state.withLock { state in
            if case .ready(let connection) = state.phase, !connection.isUsable { return .idle }
            return state.phase
        }
    }

    /// Starts connecting when idle (or when the ready connection stopped taking streams).
    func requestConnection() {
        let started = state.withLock { state -> Bool in
            switch state.phase {
            case .idle: break
            case .ready(let connection) where !connection.isUsable: break
            default: return false
            }
            state.phase = .connecting
            state.attempts = Task { await self.connectWithBackoff() }
            return true
        }
        if started { onChange() }
    }

    /// Stops reconnecting and closes the connection once its streams have ended (GOAWAY).
    func shutDown() {
        let (attempts, connection) = state.withLock { state -> (Task<Void, Never>?, HTTP2Connection?) in
            var connection: HTTP2Connection?
            if case .ready(let ready) = state.phase { connection = ready }
            state.phase = .shutdown
            defer { state.attempts = nil }
            return (state.attempts, connection)
        }
        attempts?.cancel()
        if let connection { connection.loop.execute { connection.beginGracefulShutdown() } }
        onChange()
    }

    /// Attempts until one succeeds: each may take the attempt's connect timeout, and the
    /// next starts no sooner than the backoff after the previous one started.
    private func connectWithBackoff() async {
        var attempts = ConnectionBackoff.Attempts(backoff)
        var random = SystemRandomNumberGenerator()
        while true {
            let attempt = attempts.next(using: &random)
            let start = ContinuousClock.now
            var settings = self.settings
            settings.keepalive = keepalive
            let made = Attempt()
            do {
                // Checked for each attempt, so renewed files take effect on reconnect.
                let context = try tls?.context()
                let connection = try await HTTP2Connector.connect(
                    to: address, on: group.next(), settings: settings, tls: context, timeout: attempt.connectTimeout,
                    serverName: serverName
                ) { [weak self] _ in self?.connectionClosed(made.connection.withLock { $0 }) }
                made.connection.withLock { $0 = connection }
                if !enter(.ready(connection)) { connection.loop.execute { connection.beginGracefulShutdown() } }
                return
            } catch {
                let failure = RPCError(code: .unavailable, message: "\(error)", cause: error)
                guard enter(.transientFailure(failure)) else { return }
                onDisconnect()
            }
            do {
                try await Task.sleep(until: start.advanced(by: attempt.backoff), clock: .continuous)
            } catch {
                return
            }
            guard enter(.connecting) else { return }
        }
    }

    /// Moves to `phase` unless the channel shut down meanwhile; returns whether it moved.
    private func enter(_ phase: Phase) -> Bool {
        let entered = state.withLock { state -> Bool in
            if case .shutdown = state.phase { return false }
            state.phase = phase
            if case .ready = phase { state.attempts = nil }
            return true
        }
        if entered { onChange() }
        return entered
    }

    /// A connection closed (on its loop, so its GOAWAY may be read here).
    private func connectionClosed(_ closed: HTTP2Connection?) {
        let calmDown = closed?.goAway?.errorCode == HTTP2ErrorCode.enhanceYourCalm.rawValue
        let changed = state.withLock { state -> Bool in
            if calmDown, var keepalive = state.keepalive {
                keepalive.interval *= 2
                state.keepalive = keepalive
            }
            guard case .ready(let connection) = state.phase, !connection.isUsable else { return false }
            state.phase = .idle
            return true
        }
        if changed {
            onChange()
            onDisconnect()
        }
    }
}

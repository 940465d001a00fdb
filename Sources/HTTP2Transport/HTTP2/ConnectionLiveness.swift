import CNGHTTP2
import GRPCProtocol

/// The checks that keep one connection honest, from its ``HTTP2Settings``: a client's
/// keepalive PINGs, a server's limit on the client's PINGs, and a server's idle timeout.
///
/// Timers fire on the connection's loop and hop once more through `execute` before acting, so
/// that rescheduling never happens inside the timer queue's own pass.
final class ConnectionLiveness: @unchecked Sendable {
    // Safe because: every stored var is touched only on the connection's loop thread (nghttp2
    // callbacks, timers and loop jobs); the class crosses threads only inside `execute` closures.
    // Unowned and unretained: the connection owns this object, and the timers hold the
    // connection (not this object) until they fire or ``stop()`` cancels them. A weak
    // reference would give the connection a side table and slow every retain and release.
    private unowned(unsafe) let connection: HTTP2Connection
    private let loop: EventLoop
    private let keepalive: ClientKeepalive?
    // Unchecked exclusivity on the vars: one thread, no overlapping accesses, and
    // `strikes` is updated for every HEADERS and DATA frame sent.
    @exclusivity(unchecked) private var awaitingAck: TimerQueue.ID?
    @exclusivity(unchecked) private var keepaliveTimer: TimerQueue.ID?
    @exclusivity(unchecked) private var idleTimer: TimerQueue.ID?
    @exclusivity(unchecked) private var strikes: PingStrikes?
    @exclusivity(unchecked) private var struckOut = false
    private let idleTimeout: Duration?
    @exclusivity(unchecked) private var idleSince = ContinuousClock.now
    @exclusivity(unchecked) private var lastSeenStreamID: Int32 = 0

    /// The checks `connection`'s role and settings ask for, or nil when there are none.
    static func make(for connection: HTTP2Connection) -> ConnectionLiveness? {
        let settings = connection.settings
        switch connection.role {
        case .client:
            guard settings.keepalive != nil else { return nil }
        case .server:
            guard settings.pingPolicy.maxStrikes > 0 || settings.idleTimeout != nil else { return nil }
        }
        return ConnectionLiveness(connection)
    }

    private init(_ connection: HTTP2Connection) {
        self.connection = connection
        loop = connection.loop
        let settings = connection.settings
        let isServer = connection.role == .server
        keepalive = isServer ? nil : settings.keepalive
        strikes = isServer && settings.pingPolicy.maxStrikes > 0 ? PingStrikes(policy: settings.pingPolicy) : nil
        idleTimeout = isServer ? settings.idleTimeout : nil
    }

    /// Starts the timers (loop thread, once the session exists).
    func start() {
        scheduleKeepalive()
        if let idleTimeout { idleTimer = schedule(after: idleTimeout / 4) { $0.checkIdle() } }
    }

    /// Cancels the timers, which let go of the connection (it is closing).
    func stop() {
        for timer in [keepaliveTimer, awaitingAck, idleTimer] {
            if let timer { loop.timers.cancel(timer) }
        }
        keepaliveTimer = nil
        awaitingAck = nil
        idleTimer = nil
    }

    // MARK: Client keepalive

    private func scheduleKeepalive() {
        guard let keepalive else { return }
        keepaliveTimer = schedule(after: keepalive.interval) { $0.keepaliveIntervalElapsed() }
    }

    private func keepaliveIntervalElapsed() {
        guard let keepalive, connection.session != nil else { return }
        guard connection.openStreamCount > 0 || keepalive.permitWithoutCalls else { return scheduleKeepalive() }
        connection.sendPing()
        awaitingAck = schedule(after: keepalive.timeout) { liveness in
            guard liveness.awaitingAck != nil else { return }
            let connection = liveness.connection
            connection.close(
                "keepalive PING to \(connection.remoteAddress) not acknowledged within \(keepalive.timeout)")
        }
    }

    // MARK: PINGs received (inside nghttp2's callback)

    /// A PING or PING ACK arrived. nghttp2 answers PINGs itself; this counts them against
    /// the ping policy (server) or ends the wait for a keepalive ACK (client).
    func receivedPing(ack: Bool) {
        if ack {
            guard let pending = awaitingAck else { return }
            awaitingAck = nil
            loop.timers.cancel(pending)
            scheduleKeepalive()
        } else if var record = strikes, !struckOut {
            let abusive = record.receivedPing(at: .now, hasOpenCalls: connection.openStreamCount > 0)
            strikes = record
            if abusive { tooManyPings(connection) }
        }
    }

    /// Headers or data went to the peer: its next PING is not held against it.
    func sentHeadersOrData() {
        strikes?.sentHeadersOrData()
    }

    private func tooManyPings(_ connection: HTTP2Connection) {
        struckOut = true
        guard let session = connection.session else { return }
        submitGoAway(session, HTTP2ErrorCode.enhanceYourCalm, debugData: PingStrikes.goAwayDebugData)
        // Close outside nghttp2's callback, after writing the GOAWAY.
        loop.execute {
            connection.flush()
            connection.close("GOAWAY ENHANCE_YOUR_CALM sent to \(connection.remoteAddress): too many pings")
        }
    }

    // MARK: Server idle timeout

    private func checkIdle() {
        guard let idleTimeout, let session = connection.session else { return }
        let lastStreamID = nghttp2_session_get_last_proc_stream_id(session)
        let now = ContinuousClock.now
        if connection.openStreamCount > 0 || lastStreamID != lastSeenStreamID {
            lastSeenStreamID = lastStreamID
            idleSince = now
        } else if idleSince.duration(to: now) >= idleTimeout {
            // With no stream open, the session ends once the GOAWAY is written, and the
            // connection closes (HTTP2Connection.flush).
            submitGoAway(session, .noError, debugData: "max_idle")
            connection.requestFlush()
            return
        }
        idleTimer = schedule(after: idleTimeout / 4) { $0.checkIdle() }
    }

    // MARK: Helpers

    private func submitGoAway(_ session: OpaquePointer, _ code: HTTP2ErrorCode, debugData: String) {
        let lastStreamID = nghttp2_session_get_last_proc_stream_id(session)
        var bytes = Array(debugData.utf8)
        nghttp2_submit_goaway(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, code.rawValue, &bytes, bytes.count)
    }

    private func schedule(after delay: Duration, _ body: @escaping @Sendable (ConnectionLiveness) -> Void)
        -> TimerQueue.ID
    {
        loop.timers.schedule(after: delay) { [connection, loop] in
            loop.execute {
                if connection.session != nil, let liveness = connection.liveness { body(liveness) }
            }
        }
    }
}

extension HTTP2Connection {
    /// Starts the liveness checks the settings ask for (loop thread, from ``start()``).
    func startLivenessChecks() {
        liveness = ConnectionLiveness.make(for: self)
        liveness?.start()
    }

    /// Sends a PING (loop thread); nghttp2 on the other end answers with a PING ACK.
    func sendPing() {
        guard let session else { return }
        nghttp2_submit_ping(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil)
        requestFlush()
    }

    /// A PING frame arrived (inside nghttp2's callback).
    func receivedPing(ack: Bool) {
        liveness?.receivedPing(ack: ack)
    }

    /// A HEADERS or DATA frame was sent (inside nghttp2's callback).
    func sentHeadersOrData() {
        liveness?.sentHeadersOrData()
    }
}

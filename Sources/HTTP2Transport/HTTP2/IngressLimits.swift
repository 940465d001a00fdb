import CNGHTTP2
import GRPCProtocol
import RPCCore

/// Enforces, on one connection, what its peer may make it hold: the header list size it
/// announced, and its ``PeerLimits`` (stream resets, SETTINGS frames, the handshake time).
///
/// nghttp2 itself enforces the concurrent-stream limit, the CONTINUATION count, the entries
/// per SETTINGS frame and the queued acknowledgements (options made by
/// ``HTTP2Callbacks/makeOptions(_:)``); this class counts the rest inside nghttp2's callbacks.
final class IngressLimits {
    // Touched only on the connection's loop thread (nghttp2 callbacks and loop timers).
    // Unowned and unretained: the connection owns this object and is its only user, so it
    // always outlives it. A weak reference would give the connection a side table and make
    // every retain and release of it take the slow path (about 5 % of a unary call's CPU).
    private unowned(unsafe) var connection: HTTP2Connection?
    private let maxHeaderListSize: Int
    private let handshakeTimeout: Duration?
    private var headerBlockSize = 0
    private var resets: TokenBucket?
    private var settingsFrames: TokenBucket
    private var handshakeTimer: TimerQueue.ID?
    /// Why this end is closing the connection on the peer, once it is.
    private(set) var abuse: String?

    /// The limits of `settings` for a connection in `role`.
    init(settings: HTTP2Settings, role: HTTP2Connection.Role) {
        maxHeaderListSize = Int(settings.maxHeaderListSize)
        handshakeTimeout = role == .server ? settings.limits.handshakeTimeout : nil
        resets = role == .server ? TokenBucket(settings.limits.streamResets) : nil
        settingsFrames = TokenBucket(settings.limits.settingsFrames)
    }

    /// Starts the handshake timer (server side; loop thread, once the session exists).
    func start(_ connection: HTTP2Connection) {
        self.connection = connection
        guard let handshakeTimeout else { return }
        // The timer holds the connection; it is cancelled (and lets go) by the first SETTINGS
        // or when the connection closes (``stop()``).
        handshakeTimer = connection.loop.timers.schedule(after: handshakeTimeout) { [connection] in
            connection.ingress.handshakeTimer = nil
            connection.flush()
            connection.close(
                "no HTTP/2 connection preface and SETTINGS from \(connection.remoteAddress) within \(handshakeTimeout)")
        }
    }

    /// Cancels the handshake timer (the connection is closing).
    func stop() {
        if let handshakeTimer, let connection {
            connection.loop.timers.cancel(handshakeTimer)
            self.handshakeTimer = nil
        }
    }

    // MARK: Header blocks

    /// Whether the header block being received has gone over the announced header list size.
    private(set) var headerBlockTooLarge = false

    /// A HEADERS frame began a new header block.
    func beginHeaderBlock() {
        headerBlockSize = 0
        headerBlockTooLarge = false
    }

    /// A field of the block arrived; false once the block is over the limit (its fields are
    /// then dropped). Sizes count as SETTINGS_MAX_HEADER_LIST_SIZE does: name, value, 32.
    func admitHeaderField(nameLength: Int, valueLength: Int) -> Bool {
        headerBlockSize += nameLength + valueLength + 32
        if headerBlockSize > maxHeaderListSize { headerBlockTooLarge = true }
        return !headerBlockTooLarge
    }

    /// The response to a request whose headers went over the limit: RESOURCE_EXHAUSTED.
    var headerListTooLargeResponse: [HeaderField] {
        ServerResponseHeaders.trailersOnly(
            status: Status(
                code: .resourceExhausted,
                message: "request header list larger than the server's limit of \(maxHeaderListSize) bytes"),
            metadata: Metadata())
    }

    // MARK: Rates

    /// A RST_STREAM arrived; false when the client resets streams faster than allowed (rapid
    /// reset), after GOAWAY ENHANCE_YOUR_CALM was queued.
    func receivedReset() -> Bool {
        guard var bucket = resets else { return true }
        defer { resets = bucket }
        return bucket.take() || calm("too_many_resets", reason: "too many streams reset")
    }

    /// A SETTINGS frame (not an ACK) arrived; it ends the handshake. False when the peer sends
    /// them faster than allowed, after GOAWAY ENHANCE_YOUR_CALM was queued.
    func receivedSettings() -> Bool {
        if let handshakeTimer, let connection {
            connection.loop.timers.cancel(handshakeTimer)
            self.handshakeTimer = nil
        }
        return settingsFrames.take() || calm("too_many_settings", reason: "too many SETTINGS frames")
    }

    /// Queues GOAWAY ENHANCE_YOUR_CALM with `debugData` and records why; returns false.
    private func calm(_ debugData: String, reason: String) -> Bool {
        guard abuse == nil, let connection, let session = connection.session else { return false }
        abuse = "GOAWAY ENHANCE_YOUR_CALM sent to \(connection.remoteAddress): \(reason)"
        var bytes = Array(debugData.utf8)
        nghttp2_submit_goaway(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
            HTTP2ErrorCode.enhanceYourCalm.rawValue, &bytes, bytes.count)
        return false
    }
}

extension HTTP2Connection {
    /// `nghttp2_session_mem_recv` failed with `code` (a callback stopped it on abuse, or
    /// nghttp2 found a flood or a bad preface): queues a GOAWAY naming the HTTP/2 error unless
    /// one is queued already, writes what is queued, and closes the connection.
    func receiveFailed(_ code: Int) {
        let error = Int32(code)
        if ingress.abuse == nil, let session {
            nghttp2_session_terminate_session(session, Self.goAwayCode(forReceiveError: error).rawValue)
        }
        flush()
        close(
            ingress.abuse ?? "HTTP/2 protocol error from \(remoteAddress): \(String(cString: nghttp2_strerror(error)))")
    }

    /// The GOAWAY error code for a failure of `nghttp2_session_mem_recv`.
    static func goAwayCode(forReceiveError error: Int32) -> HTTP2ErrorCode {
        switch error {
        case NGHTTP2_ERR_FLOODED.rawValue, NGHTTP2_ERR_TOO_MANY_CONTINUATIONS.rawValue: .enhanceYourCalm
        case NGHTTP2_ERR_BAD_CLIENT_MAGIC.rawValue: .protocolError
        default: .internalError
        }
    }

    /// Server side: the request's header list went over the announced limit; it is answered
    /// RESOURCE_EXHAUSTED without reaching a handler (inside nghttp2's callback).
    func refuseOversizedRequest(_ stream: HTTP2ServerStream) {
        stream.sendResponseHeaders(.fields(ingress.headerListTooLargeResponse), endStream: true)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CNGHTTP2
import GRPCProtocol
import RPCCore
import Synchronization

/// One HTTP/2 connection on an ``EventLoop``: a non-blocking socket and an nghttp2 session.
///
/// Reads feed `nghttp2_session_mem_recv`; after every read the loop flushes the connection
/// once per turn, gathering everything nghttp2 wants to send into one buffer and one `write`.
/// The connection closes when nghttp2 wants neither to read nor to write, on a socket error,
/// or when the peer breaks the protocol (nghttp2 queues GOAWAY, which is flushed first).
final class HTTP2Connection: LoopChannel, @unchecked Sendable {
    // Safe because: every stored var is touched only on `loop`'s thread: the loop calls
    // readable/writable/flush, nghttp2 calls back from inside them, and other threads reach
    // the connection only through `loop.execute` / `runOrExecute`.

    /// Whether this end accepted the connection or opened it.
    enum Role { case server, client }

    let loop: EventLoop
    let role: Role
    let settings: HTTP2Settings
    /// The peer's address, such as `127.0.0.1:50123`.
    let remoteAddress: String
    /// This end's address.
    let localAddress: String
    /// The nghttp2 session; nil once the connection has closed.
    @exclusivity(unchecked) private(set) var session: OpaquePointer?
    let fd: Int32
    /// TLS on this connection; nil for cleartext HTTP/2 (h2c).
    let tls: TLSConnectionState?
    // Unchecked exclusivity: loop-thread only (see above), never two overlapping accesses.
    @exclusivity(unchecked) private var streams: [Int32: HTTP2Stream] = [:]
    @exclusivity(unchecked) var output: [UInt8] = []
    @exclusivity(unchecked) private var outputOffset = 0
    private var wantsWritable = false
    /// Whether the connection waits in its loop's flush queue (kept by the loop).
    var flushQueued = false
    /// Why the connection closed, once it has.
    private(set) var closeReason: String?
    /// Why this end is ending the session with an error GOAWAY, named when the connection
    /// closes after the GOAWAY went out.
    var terminationReason: String?
    /// The GOAWAY received from the peer, if any.
    private(set) var goAway: (lastStreamID: Int32, errorCode: UInt32)?

    /// Server side: a request's headers arrived on a new stream (called inside nghttp2); they
    /// wait in the stream's request state machine.
    var onRequest: ((HTTP2ServerStream) -> Void)?
    /// Server side: the `:path` of the last request accepted, reused by the next one that
    /// names the same method.
    var recentRequestPath: String?
    /// Client side: the header blocks of calls that send the channel's usual fields, by path.
    @exclusivity(unchecked) var requestHeaderBlocks = RequestHeaderBlocks()
    /// Called once when the connection has closed, with the reason.
    var onClose: ((String) -> Void)?
    /// Keepalive PINGs, the ping policy and the idle timeout (ConnectionLiveness.swift).
    @exclusivity(unchecked) var liveness: ConnectionLiveness?
    /// What the peer may make this end hold (IngressLimits.swift).
    let ingress: IngressLimits

    private static let outputLimit = 256 << 10
    private let acceptsStreams = Atomic<Bool>(true)

    /// Whether new streams may be opened: false once closed or after GOAWAY (any thread).
    var isUsable: Bool { acceptsStreams.load(ordering: .acquiring) }

    init(
        loop: EventLoop, fd: Int32, role: Role, settings: HTTP2Settings, remoteAddress: String, localAddress: String,
        tls: TLSConnectionState? = nil
    ) {
        self.loop = loop
        self.fd = fd
        self.tls = tls
        self.role = role
        self.settings = settings
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
        ingress = IngressLimits(settings: settings, role: role)
    }

    /// Creates the session, registers the socket and queues this end's SETTINGS (loop thread).
    func start() throws(SocketError) {
        let userData = Unmanaged.passUnretained(self).toOpaque()
        var session: OpaquePointer?
        let options = HTTP2Callbacks.makeOptions(settings.limits)
        defer { nghttp2_option_del(options) }
        var memory = loop.sessionMemory.nghttp2Memory
        let rc =
            role == .server
            ? nghttp2_session_server_new3(&session, HTTP2Callbacks.callbacks, userData, options, &memory)
            : nghttp2_session_client_new3(&session, HTTP2Callbacks.callbacks, userData, options, &memory)
        guard rc == 0, let session else {
            Glibc.close(fd)
            throw SocketError(operation: "nghttp2_session_new", errno: ENOMEM, address: remoteAddress)
        }
        self.session = session
        var entries = [
            (NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, settings.maxConcurrentStreams),
            (NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, settings.initialWindowSize),
            (NGHTTP2_SETTINGS_MAX_FRAME_SIZE, settings.maxFrameSize),
            (NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, settings.maxHeaderListSize),
        ].map { nghttp2_settings_entry(settings_id: Int32($0.0.rawValue), value: $0.1) }
        nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
        nghttp2_session_set_local_window_size(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, Int32(clamping: settings.connectionWindowSize))
        do {
            try loop.register(fd, self)
        } catch {
            close("cannot watch the socket: \(error)")
            throw error
        }
        requestFlush()
        startLivenessChecks()
        ingress.start(self)
    }

    /// Asks the loop to flush this connection at the end of its turn.
    func requestFlush() {
        if session != nil { loop.needsFlush(self) }
    }

    /// The number of open streams.
    var openStreamCount: Int { streams.count }

    // MARK: Streams

    /// Server side: a request's first HEADERS began; attaches a new stream to it.
    func beginRequest(streamID: Int32) {
        guard role == .server, let session else { return }
        let stream = HTTP2ServerStream(connection: self, id: streamID, reusingPath: recentRequestPath)
        streams[streamID] = stream
        nghttp2_session_set_stream_user_data(session, streamID, Unmanaged.passUnretained(stream).toOpaque())
    }

    /// Server side: the response ended (trailers, or Trailers-Only headers, were sent) before
    /// the request did. Nobody reads that request any more, so the client would block on flow
    /// control forever writing it: RST_STREAM(NO_ERROR) after the trailers tells it to stop,
    /// as gRPC over HTTP/2 prescribes.
    func sentEndOfStream(_ stream: HTTP2Stream) {
        stream.outboundEnded = true
        guard role == .server, !stream.inboundEnded, let session else { return }
        nghttp2_submit_rst_stream(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream.id, UInt32(NGHTTP2_NO_ERROR.rawValue))
        requestFlush()
    }

    /// Server side: the request's headers are complete (in the stream's request state machine).
    func startRequest(_ stream: HTTP2ServerStream) {
        onRequest?(stream)
    }

    /// Client side: submits a request whose response is read part by part (response messages
    /// up to `maxReceiveMessageSize` bytes); its body comes from the stream's outbound buffer.
    /// Fails with the reason when the connection refuses the stream (it closed or received GOAWAY).
    func openStream(
        headers: [HeaderField], maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize
    ) -> Result<HTTP2ClientStream, HTTP2StreamOpenError> {
        let stream = HTTP2ClientStream(
            connection: self, delivery: .parts, maxReceiveMessageSize: maxReceiveMessageSize)
        if let error = open(stream, headers: headers) { return .failure(error) }
        return .success(stream)
    }

    /// Client side: submits a request on `stream` (made for this connection), as
    /// ``openStream(headers:)`` does; the reason when nghttp2 refuses it, else nil.
    func open(_ stream: HTTP2ClientStream, headers: [HeaderField]) -> HTTP2StreamOpenError? {
        HeaderBlock.withNameValues(headers) { open(stream, nameValues: $0, count: $1) }
    }

    /// Client side: submits a request on `stream` whose header block is the `count` entries
    /// at `nameValues`, as ``open(_:headers:)`` does.
    func open(_ stream: HTTP2ClientStream, nameValues: UnsafePointer<nghttp2_nv>, count: Int) -> HTTP2StreamOpenError? {
        guard let session, goAway == nil else {
            return HTTP2StreamOpenError(reason: closeReason ?? "the server sent GOAWAY")
        }
        var provider = HTTP2Callbacks.dataProvider
        let userData = Unmanaged.passUnretained(stream).toOpaque()
        let id = nghttp2_submit_request(session, nil, nameValues, count, &provider, userData)
        guard id > 0 else {
            let message = String(cString: nghttp2_strerror(id))
            return HTTP2StreamOpenError(reason: "nghttp2_submit_request: \(message)")
        }
        stream.id = id
        streams[id] = stream
        requestFlush()
        return nil
    }

    /// A stream closed (on_stream_close).
    func streamClosed(_ stream: HTTP2Stream, errorCode: UInt32) {
        streams[stream.id] = nil
        stream.closed(errorCode: errorCode)
    }

    /// The peer sent GOAWAY.
    func receivedGoAway(lastStreamID: Int32, errorCode: UInt32) {
        goAway = (lastStreamID, errorCode)
        acceptsStreams.store(false, ordering: .releasing)
    }

    /// Sends GOAWAY(NO_ERROR) naming the last stream processed: streams already open finish,
    /// then the connection closes.
    func beginGracefulShutdown() {
        guard let session else { return }
        sendGoAway(lastStreamID: nghttp2_session_get_last_proc_stream_id(session), errorCode: 0)
    }

    /// Sends GOAWAY: streams above `lastStreamID` are refused; the connection closes once the
    /// streams at or below it have ended.
    func sendGoAway(lastStreamID: Int32, errorCode: UInt32) {
        guard let session else { return }
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, errorCode, nil, 0)
        requestFlush()
    }

    // MARK: I/O (loop thread)

    func readable() {
        if let tls { return readableTLS(tls) }
        guard let session else { return }
        let buffer = loop.readBuffer
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                let consumed = nghttp2_session_mem_recv(session, buffer.baseAddress, count)
                if consumed < 0 { return receiveFailed(consumed) }
                if count < buffer.count { break }
            } else if count == 0 {
                return close("connection closed by \(remoteAddress)")
            } else if errno == EAGAIN || errno == EINTR {
                break
            } else {
                return close(SocketError(operation: "read", errno: errno, address: remoteAddress).description)
            }
        }
        requestFlush()
    }

    func writable() {
        flush()
    }

    /// Writes what nghttp2 has queued: gathers its frames (encrypted first on TLS connections)
    /// into one buffer and writes it, a bounded number of passes per loop turn.
    func flush() {
        guard let session else { return }
        // Whether every pass wrote all it gathered: nghttp2 may hold more, and no socket or
        // peer event would bring this connection back to flush it.
        var passesExhausted = true
        for _ in 0..<8 {
            while output.count - outputOffset < Self.outputLimit {
                var chunk: UnsafePointer<UInt8>?
                let count = nghttp2_session_mem_send(session, &chunk)
                if count < 0 {
                    return close("nghttp2_session_mem_send: \(String(cString: nghttp2_strerror(Int32(count))))")
                }
                guard count > 0, let chunk else { break }
                guard gather(UnsafeRawBufferPointer(start: chunk, count: count)) else { return }
            }
            // TLS records of the handshake (or alerts) go out even when nghttp2 has nothing.
            tls?.session.takeCiphertext(appendingTo: &output)
            guard hasUnwrittenOutput else {
                passesExhausted = false
                break
            }
            guard writeOutput() else { return }
            if hasUnwrittenOutput {
                passesExhausted = false
                break
            }
        }
        if passesExhausted { requestFlush() }
        let blocked = hasUnwrittenOutput
        if blocked != wantsWritable {
            wantsWritable = blocked
            loop.setWritableInterest(fd, blocked)
        }
        if !blocked, tls?.session.isHandshakeComplete ?? true,
            nghttp2_session_want_read(session) == 0, nghttp2_session_want_write(session) == 0
        {
            close(
                terminationReason
                    ?? (goAway != nil || role == .server
                        ? "connection shut down" : "connection closed by \(remoteAddress)"))
        }
    }

    /// Adds frames from nghttp2 to the output: as they are, or encrypted on a TLS connection;
    /// false (after closing) when encryption failed.
    private func gather(_ frames: UnsafeRawBufferPointer) -> Bool {
        guard let tls else {
            output.append(contentsOf: frames)
            return true
        }
        do {
            try tls.session.writePlaintext(frames)
        } catch {
            failTLS(tls, error)
            return false
        }
        tls.session.takeCiphertext(appendingTo: &output)
        return true
    }

    /// Whether gathered output waits to be written.
    var hasUnwrittenOutput: Bool { outputOffset < output.count }

    /// Writes what the socket takes of the output; false (after closing) on a socket error.
    func writeOutput() -> Bool {
        let offset = outputOffset
        // send with MSG_NOSIGNAL: a peer that closed must give EPIPE, not kill the process with SIGPIPE.
        let written = output.withUnsafeBytes {
            Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
        }
        if written < 0 {
            if errno == EAGAIN || errno == EINTR { return true }
            close(SocketError(operation: "write", errno: errno, address: remoteAddress).description)
            return false
        }
        outputOffset += written
        if outputOffset == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 4 * Self.outputLimit)
            outputOffset = 0
        }
        return true
    }

    /// Closes the socket and the session; every open stream learns the reason.
    func close(_ reason: String) {
        guard let session else { return }
        acceptsStreams.store(false, ordering: .releasing)
        closeReason = reason
        loop.deregister(fd)
        Glibc.close(fd)
        ingress.stop()
        liveness?.stop()
        let open = streams
        streams = [:]
        for stream in open.values { stream.connectionClosed(reason) }
        nghttp2_session_del(session)
        self.session = nil
        let onClose = self.onClose
        self.onClose = nil
        onRequest = nil
        onClose?(reason)
    }
}

/// Why a client stream could not be opened on a connection.
struct HTTP2StreamOpenError: Error {
    /// A sentence naming the cause.
    let reason: String
}

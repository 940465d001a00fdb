#if canImport(Glibc)
import Glibc
#endif
import CNGHTTP2
import TLSEngine

/// A connection's TLS state: its session and the ciphertext not yet written to the socket.
final class TLSConnectionState {
    /// The connection's TLS session (handshake, encryption, the peer's certificate).
    let session: TLSSession
    var unsent: [UInt8] = []
    var unsentOffset = 0
    var wantsWritable = false

    init(session: TLSSession) {
        self.session = session
    }

    /// Whether ciphertext waits to be written.
    var hasUnsent: Bool { unsentOffset < unsent.count }
}

/// The TLS variants of ``HTTP2Connection``'s read and flush (loop thread): ciphertext from the
/// socket is decrypted before `nghttp2_session_mem_recv`, nghttp2's output is encrypted
/// before it is written. The cleartext paths branch here with one optional check.
extension HTTP2Connection {
    /// Bytes of ciphertext gathered before writing; nghttp2 is asked for more only below it.
    private static var tlsOutputLimit: Int { 256 << 10 }

    func readableTLS(_ tls: TLSConnectionState) {
        guard session != nil else { return }
        let buffer = loop.readBuffer
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                tls.session.receiveCiphertext(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                guard receivePlaintext(tls, using: buffer) else { return }
                if count < buffer.count { break }
            } else if count == 0 {
                return close(tls.session.isHandshakeComplete
                    ? "connection closed by \(remoteAddress)"
                    : "TLS handshake with \(remoteAddress) failed: \(TLSError(.peerClosed, detail: ""))")
            } else if errno == EAGAIN || errno == EINTR {
                break
            } else {
                return close(SocketError(operation: "read", errno: errno, address: remoteAddress).description)
            }
        }
        requestFlush()
    }

    /// Decrypts all the session can (the buffer's ciphertext is already in the session, so it
    /// is reused for plaintext) and feeds it to nghttp2; false once the connection closed.
    private func receivePlaintext(_ tls: TLSConnectionState, using buffer: UnsafeMutableRawBufferPointer) -> Bool {
        while let session {
            let result: TLSSession.ReadResult
            do {
                result = try tls.session.readPlaintext(into: buffer)
            } catch {
                failTLS(tls, error)
                return false
            }
            switch result {
            case .needsCiphertext:
                return true
            case .closed:
                close("connection closed by \(remoteAddress)")
                return false
            case .bytes(let count):
                let consumed = nghttp2_session_mem_recv(session, buffer.baseAddress, count)
                if consumed < 0 {
                    receiveFailed(consumed)
                    return false
                }
            }
        }
        return false
    }

    func flushTLS(_ tls: TLSConnectionState) {
        guard let session else { return }
        // Whether every pass wrote all it gathered: nghttp2 may hold more, and no socket or
        // peer event would bring this connection back to flush it.
        var passesExhausted = true
        for _ in 0..<8 {
            while tls.unsent.count - tls.unsentOffset < Self.tlsOutputLimit {
                var chunk: UnsafePointer<UInt8>?
                let count = nghttp2_session_mem_send(session, &chunk)
                if count < 0 {
                    return close("nghttp2_session_mem_send: \(String(cString: nghttp2_strerror(Int32(count))))")
                }
                guard count > 0, let chunk else { break }
                do {
                    try tls.session.writePlaintext(UnsafeRawBufferPointer(start: chunk, count: count))
                } catch {
                    return failTLS(tls, error)
                }
                tls.session.takeCiphertext(appendingTo: &tls.unsent)
            }
            tls.session.takeCiphertext(appendingTo: &tls.unsent)
            guard tls.hasUnsent else {
                passesExhausted = false
                break
            }
            guard writeUnsent(tls) else { return }
            if tls.hasUnsent {
                passesExhausted = false
                break
            }
        }
        if passesExhausted { requestFlush() }
        let blocked = tls.hasUnsent
        if blocked != tls.wantsWritable {
            tls.wantsWritable = blocked
            loop.setWritableInterest(fd, blocked)
        }
        if !blocked, tls.session.isHandshakeComplete,
           nghttp2_session_want_read(session) == 0, nghttp2_session_want_write(session) == 0 {
            close(goAway != nil || role == .server ? "connection shut down" : "connection closed by \(remoteAddress)")
        }
    }

    /// Writes what the socket takes; false (after closing) on a socket error.
    private func writeUnsent(_ tls: TLSConnectionState) -> Bool {
        let offset = tls.unsentOffset
        // send with MSG_NOSIGNAL: a peer that closed must give EPIPE, not SIGPIPE.
        let written = tls.unsent.withUnsafeBytes {
            Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
        }
        if written < 0 {
            if errno == EAGAIN || errno == EINTR { return true }
            close(SocketError(operation: "write", errno: errno, address: remoteAddress).description)
            return false
        }
        tls.unsentOffset += written
        if tls.unsentOffset == tls.unsent.count {
            tls.unsent.removeAll(keepingCapacity: tls.unsent.capacity <= 4 * Self.tlsOutputLimit)
            tls.unsentOffset = 0
        }
        return true
    }

    /// Sends the alert OpenSSL queued (so the peer learns the reason too), then closes with
    /// the reason named.
    private func failTLS(_ tls: TLSConnectionState, _ error: TLSError) {
        tls.session.takeCiphertext(appendingTo: &tls.unsent)
        if tls.hasUnsent, writeUnsent(tls) == false { return }
        let phase = tls.session.isHandshakeComplete ? "TLS connection with" : "TLS handshake with"
        close("\(phase) \(remoteAddress) failed: \(error)")
    }
}

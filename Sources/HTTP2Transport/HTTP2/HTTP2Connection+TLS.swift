#if canImport(Glibc)
import Glibc
#endif
import CNGHTTP2
import GRPCProtocol
import TLSEngine

/// A connection's TLS state: its session (its ciphertext goes out through the connection's
/// output buffer).
final class TLSConnectionState {
    /// The connection's TLS session (handshake, encryption, the peer's certificate).
    let session: TLSSession
    /// Whether the negotiated cipher suite has been checked against RFC 9113 §9.2.2 (once,
    /// when the handshake completed).
    var checkedNegotiation = false

    init(session: TLSSession) {
        self.session = session
    }
}

/// The TLS variant of ``HTTP2Connection``'s read (loop thread): ciphertext from the socket is
/// decrypted before `nghttp2_session_mem_recv`. The cleartext path branches here with one
/// optional check; ``HTTP2Connection/flush()`` encrypts nghttp2's output itself.
extension HTTP2Connection {
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
                return close(
                    tls.session.isHandshakeComplete
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
            if !tls.checkedNegotiation, tls.session.isHandshakeComplete {
                tls.checkedNegotiation = true
                if refuseInadequateSecurity(tls) { return false }
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

    /// RFC 9113 §9.2.2: a TLS 1.2 connection whose cipher suite Appendix A prohibits (one a
    /// custom ``TLSPolicy`` allowed) is closed with GOAWAY `INADEQUATE_SECURITY` before any
    /// request is read; true when it was.
    private func refuseInadequateSecurity(_ tls: TLSConnectionState) -> Bool {
        guard let parameters = tls.session.negotiatedParameters, parameters.isInadequateForHTTP2, let session else {
            return false
        }
        let reason =
            "TLS connection with \(remoteAddress) refused: inadequate security: the cipher suite "
            + "\(parameters.cipherSuite) is prohibited for HTTP/2 over TLS 1.2 (RFC 9113 §9.2.2, Appendix A; "
            + "GOAWAY INADEQUATE_SECURITY)"
        terminationReason = reason
        nghttp2_session_terminate_session(session, HTTP2ErrorCode.inadequateSecurity.rawValue)
        flush()
        close(reason)
        return true
    }

    /// Sends the alert OpenSSL queued (so the peer learns the reason too), then closes with
    /// the reason named.
    func failTLS(_ tls: TLSConnectionState, _ error: TLSError) {
        tls.session.takeCiphertext(appendingTo: &output)
        if hasUnwrittenOutput, writeOutput() == false { return }
        let phase = tls.session.isHandshakeComplete ? "TLS connection with" : "TLS handshake with"
        close("\(phase) \(remoteAddress) failed: \(error)")
    }
}

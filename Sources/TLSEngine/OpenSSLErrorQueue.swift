import COpenSSL

/// Reads OpenSSL's per-thread error queue and turns what a failed call left there into a
/// ``TLSError`` with a named reason.
enum OpenSSLErrorQueue {
    /// Empties the queue, so that a failure reads only its own errors.
    static func clear() {
        ERR_clear_error()
    }

    /// The reason codes and texts queued since the last ``clear()``, oldest first; empties the queue.
    static func drain() -> [(reason: Int32, text: String)] {
        var errors: [(Int32, String)] = []
        while case let code = ERR_get_error(), code != 0 {
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            errors.append(
                (copenssl_error_reason(code), String(decoding: text.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self)))
        }
        return errors
    }

    /// A configuration error naming what was being loaded, with OpenSSL's explanation.
    static func configurationError(_ what: String) -> TLSError {
        let texts = drain().map(\.text)
        return TLSError(.configuration, detail: texts.isEmpty ? what : "\(what): \(texts.joined(separator: "; "))")
    }

    /// The error for a failed handshake or record operation on `ssl`.
    ///
    /// - Parameter expectedName: the name the server's certificate was checked against.
    static func connectionError(ssl: OpaquePointer, sslError: Int32, expectedName: String?) -> TLSError {
        let errors = drain()
        let texts = errors.map(\.text).joined(separator: "; ")
        let verification = SSL_get_verify_result(ssl)
        if verification != X509_V_OK {
            let words = String(cString: X509_verify_cert_error_string(verification))
            return TLSError(verificationReason(Int32(verification), expectedName: expectedName), detail: words)
        }
        for (reason, _) in errors {
            if let named = alertReason(reason) { return TLSError(named, detail: texts) }
        }
        if sslError == SSL_ERROR_SYSCALL || errors.contains(where: { $0.reason == SSL_R_UNEXPECTED_EOF_WHILE_READING })
        {
            return TLSError(.peerClosed, detail: texts)
        }
        return TLSError(.other, detail: texts.isEmpty ? "SSL_get_error \(sslError)" : texts)
    }

    /// The reason for an X.509 verification result of this end's check of the peer.
    private static func verificationReason(_ code: Int32, expectedName: String?) -> TLSError.Reason {
        switch code {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            .unknownCertificateAuthority
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            .nameMismatch(expected: expectedName ?? "")
        case X509_V_ERR_CERT_HAS_EXPIRED:
            .certificateExpired
        default:
            .other
        }
    }

    /// The reason for an alert the peer sent, or a local refusal OpenSSL reported.
    private static func alertReason(_ code: Int32) -> TLSError.Reason? {
        switch code {
        case SSL_R_TLSV1_ALERT_UNKNOWN_CA: .unknownCertificateAuthority
        case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED: .certificateExpired
        case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
            .clientCertificateRequired
        case SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL, SSL_R_NO_APPLICATION_PROTOCOL: .noApplicationProtocol
        // What OpenSSL says when the first bytes are not a TLS record (an HTTP/2 preface or
        // frame, an HTTP/1 request).
        case SSL_R_WRONG_VERSION_NUMBER, SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_HTTP_REQUEST: .notTLS
        default: nil
        }
    }
}

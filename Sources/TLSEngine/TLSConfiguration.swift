/// How a TLS server treats client certificates (mutual TLS).
public enum ClientCertificatePolicy: Sendable, Equatable {
    /// No client certificate is asked for.
    case none
    /// A client certificate is asked for; a client without one is accepted, a client whose
    /// certificate does not chain to the certificate authorities in the PEM file is refused.
    case optional(trustedCertificateAuthorities: String)
    /// A client certificate chaining to the certificate authorities in the PEM file is required.
    case required(trustedCertificateAuthorities: String)
}

/// The certificate authorities a TLS client trusts for the server's certificate.
public enum TrustRoots: Sendable, Equatable {
    /// The system's store (Debian: `/etc/ssl/certs`).
    case systemStore
    /// The certificates of a PEM file.
    case certificateAuthorityFile(String)
}

/// What a TLS server presents and asks for, and the ``TLSPolicy`` it accepts. HTTP/2 is
/// negotiated with ALPN `h2`; a client that does not offer `h2` (or offers no ALPN at all) is
/// refused in the handshake with the `no_application_protocol` alert.
public struct TLSServerConfiguration: Sendable, Equatable {
    /// A PEM file with the server's certificate first, then any intermediate certificates.
    public var certificateChainFile: String
    /// A PEM file with the private key of the server's certificate.
    public var privateKeyFile: String
    /// Whether clients must present a certificate, and whom it must be signed by.
    public var clientCertificates: ClientCertificatePolicy
    /// The TLS versions, cipher suites and groups accepted, in the server's order of
    /// preference; ``TLSPolicy/secure`` unless a deployment must accept weaker clients.
    public var policy: TLSPolicy

    /// Creates a server configuration.
    public init(
        certificateChainFile: String, privateKeyFile: String, clientCertificates: ClientCertificatePolicy = .none,
        policy: TLSPolicy = .secure
    ) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
        self.clientCertificates = clientCertificates
        self.policy = policy
    }
}

/// What a TLS client trusts, the name it expects, the certificate it presents if any, and the
/// ``TLSPolicy`` it offers. HTTP/2 is negotiated with ALPN `h2`; a server that does not select
/// `h2` is refused (``TLSError/Reason/noApplicationProtocol``).
public struct TLSClientConfiguration: Sendable, Equatable {
    /// A certificate and its private key, both PEM files.
    public struct Certificate: Sendable, Equatable {
        /// The certificate first, then any intermediate certificates.
        public var chainFile: String
        /// The private key of the first certificate.
        public var privateKeyFile: String

        /// Creates a certificate reference.
        public init(chainFile: String, privateKeyFile: String) {
            self.chainFile = chainFile
            self.privateKeyFile = privateKeyFile
        }
    }

    /// Whom the server's certificate must be signed by.
    public var trustRoots: TrustRoots
    /// The name sent as SNI and checked against the server's certificate instead of the
    /// host connected to (the interop clients' `--server_host_override`).
    public var serverNameOverride: String?
    /// The certificate presented when the server asks for one (mutual TLS).
    public var certificate: Certificate?
    /// Whether the server's certificate is checked; with ``ServerCertificateVerification/noneInsecure``
    /// ``trustRoots`` are not loaded and any certificate is accepted.
    public var serverCertificateVerification: ServerCertificateVerification
    /// The TLS versions, cipher suites and groups offered; ``TLSPolicy/secure`` unless a
    /// deployment must reach weaker servers.
    public var policy: TLSPolicy
    /// An identity the server's verified certificate must name among its subject alternative
    /// names, as a URI (a SPIFFE ID such as `spiffe://example.org/ns/prod/sa/notify`) or a DNS
    /// name; a server whose certificate does not is refused after the handshake. `nil` checks
    /// only the host name.
    public var requiredServerIdentity: String?

    /// Creates a client configuration.
    public init(
        trustRoots: TrustRoots = .systemStore, serverNameOverride: String? = nil, certificate: Certificate? = nil,
        serverCertificateVerification: ServerCertificateVerification = .full, policy: TLSPolicy = .secure,
        requiredServerIdentity: String? = nil
    ) {
        self.trustRoots = trustRoots
        self.serverNameOverride = serverNameOverride
        self.certificate = certificate
        self.serverCertificateVerification = serverCertificateVerification
        self.policy = policy
        self.requiredServerIdentity = requiredServerIdentity
    }
}

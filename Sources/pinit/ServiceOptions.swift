import ArgumentParser
import Foundation
import HTTP2Transport
import Logging
import RPCCore
import TLSEngine

/// Options both services take. Each falls back to an environment variable, then a default;
/// flag and environment values are checked by the same ``FlagValue`` parsers in ``validate()``,
/// so after parsing every value below is set and valid.
struct ServiceOptions: ParsableArguments {
    @Option(
        help: "Host name or IP address to listen on (env PINIT_HOST; default 127.0.0.1).", transform: FlagValue.host)
    var host: String?

    @Option(help: "TCP port, 0–65535; 0 picks a free one (env PINIT_PORT; default 0).", transform: FlagValue.port)
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "Listen on this address instead of --host and --port (env PINIT_LISTEN).",
            discussion: "HOST:PORT, [IPv6]:PORT, or unix:PATH for a Unix domain socket.", valueName: "address"),
        transform: FlagValue.address)
    var listen: TransportAddress?

    @Option(
        name: .customLong("data-dir"),
        help: "Directory of the service's SQLite database (env PINIT_DATA_DIR; default ./pinit-data).")
    var dataDirectory: String?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (env PINIT_LOG_LEVEL; default info).",
        transform: FlagValue.logLevel)
    var logLevel: Logger.Level?

    @Option(
        name: .customLong("tls-cert"),
        help: "PEM certificate chain: serve TLS, and call the other service over TLS (env PINIT_TLS_CERT).",
        transform: FlagValue.readableFile)
    var tlsCertificate: String?

    @Option(
        name: .customLong("tls-key"), help: "PEM private key of --tls-cert (env PINIT_TLS_KEY).",
        transform: FlagValue.readableFile)
    var tlsKey: String?

    @Option(
        name: .customLong("tls-ca"),
        help:
            "PEM certificate authorities for mutual TLS: clients must present a certificate they signed, and the other service's certificate must chain to them (env PINIT_TLS_CA).",
        transform: FlagValue.readableFile)
    var tlsCertificateAuthority: String?

    @Option(
        name: .customLong("peer-identity"),
        help: ArgumentHelp(
            "The identity the other service's certificate must name, as a URI SAN (a SPIFFE ID) or a DNS SAN; needs --tls-ca (env PINIT_PEER_IDENTITY).",
            valueName: "spiffe-id"))
    var peerIdentity: String?

    mutating func validate() throws {
        if listen != nil && (host != nil || port != nil) {
            throw ValidationError("--listen cannot be combined with --host or --port")
        }
        if host == nil && port == nil { listen = try FlagValue.resolve(listen, "PINIT_LISTEN", FlagValue.address) }
        host = try FlagValue.resolve(host, "PINIT_HOST", FlagValue.host) ?? "127.0.0.1"
        port = try FlagValue.resolve(port, "PINIT_PORT", FlagValue.port) ?? 0
        dataDirectory = dataDirectory ?? ProcessInfo.processInfo.environment["PINIT_DATA_DIR"] ?? "./pinit-data"
        logLevel = try FlagValue.resolve(logLevel, "PINIT_LOG_LEVEL", FlagValue.logLevel) ?? .info
        tlsCertificate = try FlagValue.resolve(tlsCertificate, "PINIT_TLS_CERT", FlagValue.readableFile)
        tlsKey = try FlagValue.resolve(tlsKey, "PINIT_TLS_KEY", FlagValue.readableFile)
        tlsCertificateAuthority = try FlagValue.resolve(tlsCertificateAuthority, "PINIT_TLS_CA", FlagValue.readableFile)
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key must be given together")
        }
        if tlsCertificateAuthority != nil && tlsCertificate == nil {
            throw ValidationError("--tls-ca needs --tls-cert and --tls-key (mutual TLS)")
        }
        peerIdentity =
            peerIdentity ?? ProcessInfo.processInfo.environment["PINIT_PEER_IDENTITY"].flatMap { $0.isEmpty ? nil : $0 }
        if peerIdentity != nil && tlsCertificateAuthority == nil {
            throw ValidationError("--peer-identity needs --tls-ca (mutual TLS)")
        }
    }

    /// Where the service listens.
    var listeningAddress: TransportAddress { listen ?? .tcp(host: host!, port: port!) }

    /// The data directory as a URL.
    var dataDirectoryURL: URL { URL(fileURLWithPath: dataDirectory!, isDirectory: true) }

    /// The server's TLS: nil for cleartext; with a CA, clients must present a certificate it signed.
    var serverTLS: TLSServerConfiguration? {
        guard let tlsCertificate, let tlsKey else { return nil }
        return TLSServerConfiguration(
            certificateChainFile: tlsCertificate, privateKeyFile: tlsKey,
            clientCertificates: tlsCertificateAuthority.map { .required(trustedCertificateAuthorities: $0) } ?? .none)
    }

    /// TLS for calling the other service: nil for cleartext; with a CA, the peer's certificate
    /// must chain to it (and name ``peerIdentity`` when given) and this service presents its own
    /// certificate (mutual TLS), else the system's trust store is used.
    var clientTLS: TLSClientConfiguration? {
        guard let tlsCertificate, let tlsKey else { return nil }
        guard let tlsCertificateAuthority else { return TLSClientConfiguration() }
        return TLSClientConfiguration(
            trustRoots: .certificateAuthorityFile(tlsCertificateAuthority),
            certificate: .init(chainFile: tlsCertificate, privateKeyFile: tlsKey), requiredServerIdentity: peerIdentity)
    }

    /// The server interceptors that admit only the other service to `methods` (the calls only it
    /// makes), when ``peerIdentity`` names it; none otherwise.
    func peerOnly(_ methods: Set<MethodDescriptor>) -> [ScopedInterceptor<any ServerInterceptor>] {
        guard let peerIdentity else { return [] }
        return [ScopedInterceptor(PeerIdentityAllowList([peerIdentity]), scope: .methods(methods))]
    }

    /// Sets up swift-log (to standard error) and returns the service's logger.
    func makeLogger(label: String) -> Logger {
        let level = logLevel ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// Creates the data directory (and its parents) if needed.
    ///
    /// - Throws: ``StartupFailure`` naming the directory and the errno text.
    func createDataDirectory() throws(StartupFailure) {
        var path = ""
        for component in dataDirectoryURL.path.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                let failing = path == dataDirectoryURL.path ? "" : " (at \(path))"
                throw StartupFailure(
                    "cannot create the data directory \(dataDirectoryURL.path)\(failing): \(String(cString: strerror(errno))) (errno \(errno))"
                )
            }
        }
        guard access(dataDirectoryURL.path, W_OK | X_OK) == 0 else {
            throw StartupFailure(
                "cannot write in the data directory \(dataDirectoryURL.path): \(String(cString: strerror(errno))) (errno \(errno))"
            )
        }
    }

    /// Waits until `transport` listens, then writes the bound address to
    /// `<data-dir>/<name>.address` (how the demo and the tests find a service started on port
    /// 0), replacing the file atomically.
    ///
    /// - Returns: the address listened on.
    /// - Throws: ``StartupFailure`` naming the address and the cause when it cannot listen.
    func publishListeningAddress(of transport: HTTP2ServerTransport, name: String) async throws -> TransportAddress {
        let address = try await StartupFailure.during("cannot listen on \(listeningAddress)") {
            try await transport.listeningAddress()
        }
        let url = dataDirectoryURL.appendingPathComponent("\(name).address")
        try Data(address.description.utf8).write(to: url, options: .atomic)
        return address
    }
}

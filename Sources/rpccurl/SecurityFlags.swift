import ArgumentParser
import TLSEngine

/// grpcurl's transport-security flags, with grpcurl's meaning: TLS unless `-plaintext`,
/// verified against the system's CAs or `-cacert`, optionally presenting `-cert`/`-key`.
struct SecurityFlags: ParsableArguments {
    @Flag(name: .long, help: "Use cleartext HTTP/2 (no TLS). Without it, rpccurl connects with TLS, as grpcurl does.")
    var plaintext = false

    @Flag(
        name: .long,
        help: "TLS without checking the server's certificate or name (NOT SECURE!). Not valid with -plaintext.")
    var insecure = false

    @Option(
        name: .long,
        help:
            "A PEM file of the CAs the server's certificate must chain to (default: the system's). Ignored with -insecure."
    )
    var cacert: String?

    @Option(
        name: .long,
        help: "A PEM client certificate to present to the server (mutual TLS). Needs -key; not valid with -plaintext.")
    var cert: String?

    @Option(name: .long, help: "The PEM private key of -cert. Needs -cert; not valid with -plaintext.")
    var key: String?

    @Option(
        name: .long,
        help:
            "The name the server's certificate must be valid for, also sent as SNI and :authority (prefer -authority).")
    var servername: String?

    /// How to connect: the TLS configuration (nil with `-plaintext`) and the `:authority` to
    /// send. With TLS, `-servername` or else `-authority` is both the `:authority` and the name
    /// the certificate is checked against, as in grpcurl.
    ///
    /// - Throws: `Failure.usage` (exit 2) for flags that contradict each other, with grpcurl's
    ///   words; `Failure.other` (exit 1) when a certificate, key or CA file cannot be loaded.
    func connection(authority: String?) throws(Failure) -> (tls: TLSClientConfiguration?, authority: String?) {
        if plaintext {
            if insecure { throw .usage("The -insecure argument can only be used with TLS.") }
            if cert != nil { throw .usage("The -cert argument can only be used with TLS.") }
            if key != nil { throw .usage("The -key argument can only be used with TLS.") }
        }
        if (cert == nil) != (key == nil) {
            throw .usage("The -cert and -key arguments must be used together and both be present.")
        }
        guard !plaintext else { return (nil, authority) }
        if let servername, let authority {
            guard servername == authority else {
                throw .usage("Cannot specify different values for -servername and -authority.")
            }
            Output.error("Warning: Both -servername and -authority are present; prefer only -authority.")
        }
        let name = servername ?? authority
        let configuration = TLSClientConfiguration(
            trustRoots: cacert.map { .certificateAuthorityFile($0) } ?? .systemStore, serverNameOverride: name,
            certificate: cert.flatMap { cert in key.map { .init(chainFile: cert, privateKeyFile: $0) } },
            serverCertificateVerification: insecure ? .noneInsecure : .full)
        do {
            // Loaded once here so a bad file is reported before connecting, as grpcurl does.
            _ = try TLSContext(client: configuration)
        } catch {
            throw .other("Failed to create TLS config: \(error)")
        }
        return (configuration, name)
    }
}

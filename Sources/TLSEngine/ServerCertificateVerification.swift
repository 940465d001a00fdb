/// Whether a TLS client checks the certificate the server presents.
public enum ServerCertificateVerification: Sendable, Equatable {
    /// The certificate must chain to the trusted certificate authorities and be valid for
    /// the expected server name. The only safe choice.
    case full
    /// NOT SECURE: any certificate is accepted, whoever signed it and whatever name it is
    /// for; the connection is encrypted but the server is not authenticated (grpcurl's
    /// `-insecure`). For debugging servers with self-signed certificates only.
    case noneInsecure
}

/// Finds the socket addresses of a host and port; blocking is allowed, as it runs on
/// ``LookupThreads``. The system's is `getaddrinfo`; tests give their own answers.
typealias HostLookup = @Sendable (_ host: String, _ port: Int) throws(SocketError) -> [SocketAddress]

extension SocketAddress {
    /// `getaddrinfo` for a client: every A and AAAA record of `host`, in the order the system
    /// prefers (RFC 6724), with `port`.
    static let systemLookup: HostLookup = { host, port throws(SocketError) in
        try resolve(.tcp(host: host, port: port), passive: false)
    }

    /// The addresses to connect to for `address`: a Unix path or an address literal at once,
    /// a name through `lookup` on ``LookupThreads`` (never on the calling thread).
    static func lookUp(_ address: TransportAddress, using lookup: @escaping HostLookup = systemLookup)
        async throws(SocketError) -> [SocketAddress]
    {
        guard case .tcp(let host, let port) = address else { return try resolve(address, passive: false) }
        if let literal = try? resolve(address, passive: false, numericOnly: true) { return literal }
        return try await LookupThreads.shared.run { () throws(SocketError) in try lookup(host, port) }
    }
}

import GRPCProtocol
import RPCCore
import TLSEngine

extension HTTP2ClientTransport {
    /// Creates a channel to a target in gRPC's naming syntax (``ResolverTarget``):
    /// `dns:///HOST:PORT` (or `HOST:PORT`), `ipv4:ADDR:PORT,...`, `ipv6:[ADDR]:PORT,...`,
    /// `unix:PATH`. A `dns:` target starts resolving at once; nothing connects until the
    /// first stream.
    ///
    /// - Parameters:
    ///   - resolution: how often a `dns:` target is looked up again.
    ///   - the others: as in ``init(targets:authority:settings:backoff:group:compression:tls:)``.
    /// - Throws: ``ResolverTarget/ParseError`` naming what is wrong with `target`.
    public convenience init(
        target: String, authority: String? = nil, settings: HTTP2Settings = HTTP2Settings(),
        backoff: ConnectionBackoff = ConnectionBackoff(), resolution: DNSResolution = DNSResolution(),
        group: EventLoopGroup = .shared, compression: CompressionConfiguration = CompressionConfiguration(),
        tls: TLSClientConfiguration? = nil
    ) throws(ResolverTarget.ParseError) {
        self.init(
            resolverTarget: try ResolverTarget(parsing: target), authority: authority, settings: settings,
            backoff: backoff, resolution: resolution, group: group, compression: compression, tls: tls)
    }

    /// Creates a channel to `resolverTarget`: for `.dns`, one connection per A or AAAA record
    /// of the host, kept in step with the name as `resolution` says (addresses that disappear
    /// are drained: no new calls, open calls finish); calls spread round-robin over the ready
    /// ones. The `:authority` defaults to the target's `host:port`.
    ///
    /// - Parameters:
    ///   - resolution: how often a `.dns` target is looked up again.
    ///   - the others: as in ``init(targets:authority:settings:backoff:group:compression:tls:)``.
    public convenience init(
        resolverTarget: ResolverTarget, authority: String? = nil, settings: HTTP2Settings = HTTP2Settings(),
        backoff: ConnectionBackoff = ConnectionBackoff(), resolution: DNSResolution = DNSResolution(),
        group: EventLoopGroup = .shared, compression: CompressionConfiguration = CompressionConfiguration(),
        tls: TLSClientConfiguration? = nil
    ) {
        let addresses: Addresses =
            switch resolverTarget {
            case .dns(let host, let port): .dns(host: host, port: port, resolution: resolution)
            case .addresses(let list): .fixed(list)
            case .unix(let path): .fixed([.unix(path: path)])
            }
        self.init(
            addresses: addresses, authority: authority, settings: settings, backoff: backoff, group: group,
            compression: compression, tls: tls)
    }
}

import HTTP2Transport
import RPCCore
import TLSEngine

/// Connects to the server named on the command line and runs a body with a client.
enum Dialing {
    /// The target named by `address`: a socket path with `-unix`; else gRPC's naming syntax
    /// (`host:port`, `dns:///host:port`, `ipv4:a:p,b:p`, `ipv6:[a]:p`, `unix:path`), with
    /// `:port` meaning `127.0.0.1:port`.
    static func address(_ address: String, unix: Bool) throws(Failure) -> ResolverTarget {
        if unix { return .unix(path: address) }
        do throws(ResolverTarget.ParseError) {
            return try ResolverTarget(parsing: address.hasPrefix(":") ? "127.0.0.1" + address : address)
        } catch {
            throw .other("\(error) (give -unix for a socket path)")
        }
    }

    /// Connects (within `connectTimeout`, over TLS unless `-plaintext`), runs `body`, then
    /// closes the connection. With `keepalive`, the connection sends a PING that often while a
    /// call is open and fails its calls when one is not answered for as long (grpcurl's
    /// `-keepalive-time`).
    ///
    /// - Throws: `Failure.usage` for contradicting TLS flags; `Failure.other` ("Failed to dial
    ///   target host", exit 1) when the connection or its TLS handshake fails, naming why
    ///   (unknown CA, name mismatch, ...); or what `body` throws.
    static func withClient<Result: Sendable>(
        to target: ResolverTarget, flags: CallFlags,
        _ body: @escaping @Sendable (RPCClient<HTTP2ClientTransport>) async throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let (tls, authority) = try flags.security.connection(authority: flags.authority)
        let connectTimeout = CallFlags.duration(flags.connectTimeout)
        var settings = HTTP2Settings()
        settings.keepalive = CallFlags.duration(flags.keepaliveTime).map { ClientKeepalive(interval: $0, timeout: $0) }
        let transport = HTTP2ClientTransport(resolverTarget: target, authority: authority, settings: settings, tls: tls)
        let client = RPCClient(transport: transport)
        let outcome = await withTaskGroup(of: Swift.Result<Result, Failure>?.self) { group in
            group.addTask {
                try? await client.run()
                return nil
            }
            group.addTask {
                do throws(Failure) {
                    try await probe(transport, target: target, timeout: connectTimeout, roundTrip: tls != nil)
                    return .success(try await body(client))
                } catch {
                    return .failure(error)
                }
            }
            var result: Swift.Result<Result, Failure>?
            while let next = await group.next() {
                if let next {
                    result = next
                    client.beginGracefulShutdown()
                    group.cancelAll()
                }
            }
            return result ?? .failure(.other("the connection ended unexpectedly"))
        }
        return try outcome.get()
    }

    /// Opens one stream, which makes the transport connect. With a time limit or TLS, the
    /// stream also makes a round trip (request headers to `/rpccurl.Probe/Connect`, which
    /// servers answer UNIMPLEMENTED), so the limit covers the HTTP/2 handshake too, as
    /// grpcurl's does, and a failed TLS handshake is a failed dial.
    private static func probe(
        _ transport: HTTP2ClientTransport, target: ResolverTarget, timeout: Duration?, roundTrip: Bool
    ) async throws(Failure) {
        let probing = MethodDescriptor(service: "rpccurl.Probe", method: "Connect")
        let roundTrip = roundTrip || timeout != nil
        do {
            try await Deadlines.run(within: timeout ?? .seconds(10)) {
                try await transport.withStream(descriptor: probing, options: CallOptions()) { stream in
                    guard roundTrip else { return }
                    try await stream.outbound.write(.metadata(Metadata()))
                    await stream.outbound.finish()
                    var parts = stream.inbound.makeAsyncIterator()
                    // A connection that failed (a TLS handshake refused) ends the stream with
                    // UNAVAILABLE from the transport; a server answers UNIMPLEMENTED.
                    if case .status(let status, let trailers)? = try await parts.next(), status.code == .unavailable {
                        throw RPCError(code: status.code, message: status.message, metadata: trailers)
                    }
                }
            }
        } catch let error as RPCError {
            // The peer answered the TLS handshake in cleartext: say how to talk to it.
            let hint = error.message.contains(TLSError(.notTLS, detail: "").description) ? "; try -plaintext" : ""
            throw .other("Failed to dial target host \"\(name(target))\": \(error.message)\(hint)")
        } catch {
            throw .other("Failed to dial target host \"\(name(target))\": context deadline exceeded")
        }
    }

    /// How messages name `target`: `host:port` for a DNS name, as it was most likely typed.
    private static func name(_ target: ResolverTarget) -> String {
        guard case .dns(let host, let port) = target else { return target.description }
        return TransportAddress.tcp(host: host, port: port).description
    }

    /// An RPC error as rpccurl reports it: a failed connection (refused by every address, or
    /// a name that does not resolve) is exit status 1, as in grpcurl.
    static func failure(_ error: RPCError) -> Failure {
        let dialing = ["connect to", "none of the", "dns:///"]
        if error.code == .unavailable, dialing.contains(where: error.message.hasPrefix) {
            return .other("Failed to dial target host: \(error.message)")
        }
        return .rpc(error)
    }
}

/// Runs work with a time limit.
enum Deadlines {
    /// Thrown when the time limit passed first.
    struct Expired: Error {}

    /// Runs `work`, throwing `Expired` if `limit` passes first (no limit when nil).
    static func run<Result: Sendable>(
        within limit: Duration?, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        guard let limit else { return try await work() }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw Expired() }
            return result
        }
    }
}

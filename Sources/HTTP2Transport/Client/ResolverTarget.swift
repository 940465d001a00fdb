#if canImport(Glibc)
import Glibc
#endif

/// What a client channel connects to, written in gRPC's naming syntax (gRPC's `naming.md`).
///
/// | text | meaning |
/// |---|---|
/// | `dns:///HOST:PORT`, `dns:HOST:PORT`, `HOST:PORT` | every A and AAAA record of HOST, re-resolved |
/// | `ipv4:ADDR:PORT,ADDR:PORT` | fixed IPv4 addresses |
/// | `ipv6:[ADDR]:PORT,[ADDR]:PORT` | fixed IPv6 addresses |
/// | `unix:PATH`, `unix:///ABSOLUTE/PATH` | a Unix domain socket |
///
/// Without a port, `dns:` and `ipv4:`/`ipv6:` targets use 443, as gRPC does.
public enum ResolverTarget: Sendable, Hashable, CustomStringConvertible {
    /// A host name (or address literal) whose A and AAAA records are the addresses, and a port.
    case dns(host: String, port: Int)
    /// Fixed addresses (each a `.tcp` with an address literal as host).
    case addresses([TransportAddress])
    /// A Unix domain socket path.
    case unix(path: String)

    /// The port used when a `dns:`, `ipv4:` or `ipv6:` target names none.
    public static let defaultPort = 443

    /// Why a string is not a target.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The text given.
        public var text: String
        /// What is wrong with it, for a person.
        public var reason: String

        /// `"TEXT" is not a target: REASON`.
        public var description: String { "\"\(text)\" is not a target: \(reason)" }
    }

    /// The target in canonical form: `dns:///host:port`, `ipv4:a:p,b:p`, `ipv6:[a]:p` or `unix:path`.
    public var description: String {
        switch self {
        case .dns(let host, let port): "dns:///\(TransportAddress.tcp(host: host, port: port))"
        case .addresses(let list):
            (list.first.map { if case .tcp(let host, _) = $0, host.contains(":") { "ipv6:" } else { "ipv4:" } }
                ?? "ipv4:")
                + list.map(\.description).joined(separator: ",")
        case .unix(let path): "unix:\(path)"
        }
    }

    /// Parses a target in gRPC's naming syntax (see the type's table).
    ///
    /// - Throws: ``ParseError`` naming what is wrong: an authority after `dns://` (a DNS
    ///   server to ask, which is not supported), an `ipv4:` or `ipv6:` entry that is not an
    ///   address literal of that family, an empty host or path, a bad port,
    ///   `unix-abstract:` (abstract sockets are not supported), or an unknown `SCHEME://`.
    public init(parsing text: String) throws(ParseError) {
        func failure(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        let (scheme, rest) = Self.scheme(of: text)
        switch scheme {
        case "dns":
            var name = rest
            if name.hasPrefix("//") {
                name = name.dropFirst(2)
                let slash = name.firstIndex(of: "/") ?? name.endIndex
                guard slash == name.startIndex else {
                    throw failure(
                        "a DNS server to ask (\"\(name[..<slash])\") is not supported; write dns:///HOST:PORT")
                }
                name = name.dropFirst()
            }
            self = try Self.dns(name, failure)
        case "ipv4", "ipv6":
            let family = scheme == "ipv4" ? AF_INET : AF_INET6
            var list: [TransportAddress] = []
            for entry in rest.split(separator: ",", omittingEmptySubsequences: false) {
                if Self.isLiteral(String(entry), family: family) {
                    // `ipv6:::1`: a bare IPv6 literal (a port needs brackets).
                    list.append(.tcp(host: String(entry), port: Self.defaultPort))
                    continue
                }
                do throws(HostPortSyntax.Error) {
                    let (host, port) = try HostPortSyntax.split(entry, defaultPort: Self.defaultPort)
                    guard Self.isLiteral(host, family: family) else {
                        throw HostPortSyntax.Error(
                            reason: "\"\(host)\" is not an \(scheme == "ipv4" ? "IPv4" : "IPv6") address")
                    }
                    list.append(.tcp(host: host, port: port))
                } catch {
                    throw failure(error.reason)
                }
            }
            self = .addresses(list)
        case "unix":
            var path = rest
            if path.hasPrefix("//") {
                path = path.dropFirst(2)
                guard path.hasPrefix("/") else {
                    throw failure("unix:// must be followed by an absolute path (unix:///PATH)")
                }
            }
            guard !path.isEmpty else { throw failure("the socket path is empty") }
            self = .unix(path: String(path))
        case "unix-abstract":
            throw failure("abstract Unix sockets (unix-abstract:) are not supported; use unix:PATH")
        default:
            guard !text.contains("://") else {
                throw failure("the scheme \"\(scheme)\" is not supported (dns, ipv4, ipv6 and unix are)")
            }
            self = try Self.dns(text[...], failure)
        }
    }

    /// A `dns` target for `HOST[:PORT]`.
    private static func dns(_ name: Substring, _ failure: (String) -> ParseError) throws(ParseError) -> ResolverTarget {
        do throws(HostPortSyntax.Error) {
            let (host, port) = try HostPortSyntax.split(name, defaultPort: defaultPort)
            return .dns(host: host, port: port)
        } catch {
            throw failure(error.reason)
        }
    }

    /// The scheme before the first `:` (lowercased) and the text after it; an unknown scheme
    /// is handled by the caller (a `HOST:PORT` looks like one).
    private static func scheme(of text: String) -> (String, Substring) {
        guard let colon = text.firstIndex(of: ":") else { return ("", text[...]) }
        return (text[..<colon].lowercased(), text[text.index(after: colon)...])
    }

    /// Whether `host` is an address literal of `family` (AF_INET or AF_INET6).
    private static func isLiteral(_ host: String, family: Int32) -> Bool {
        var bytes = in6_addr()
        return inet_pton(family, host, &bytes) == 1
    }
}

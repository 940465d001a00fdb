#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents

/// Where a transport listens or connects: a TCP host and port, or a Unix domain socket path.
public enum TransportAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name, IPv4 or IPv6 literal, and a TCP port (0 to listen on any free port).
    case tcp(host: String, port: Int)
    /// A filesystem path of a Unix domain socket.
    case unix(path: String)

    /// `host:port` (IPv6 literals in brackets) or `unix:path`.
    public var description: String {
        switch self {
        case .tcp(let host, let port):
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path):
            return "unix:\(path)"
        }
    }
}

/// A resolved socket address: the bytes passed to `bind`/`connect`.
struct SocketAddress: CustomStringConvertible {
    var storage = sockaddr_storage()
    var length: socklen_t = 0

    var family: Int32 { Int32(storage.ss_family) }

    /// Wraps `length` bytes of a `sockaddr`.
    init(_ address: UnsafePointer<sockaddr>, length: socklen_t) {
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
        }
        self.length = length
    }

    /// A Unix domain socket address; throws `ENAMETOOLONG` for a path longer than `sun_path`.
    init(unixPath path: String) throws(SocketError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw SocketError(operation: "bind", errno: ENAMETOOLONG, address: "unix:\(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + 1)
        self = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0, length: length) }
        }
    }

    /// The port of an IPv4 or IPv6 address, else 0.
    var port: Int {
        withUnsafeBytes(of: storage) { raw in
            switch family {
            case AF_INET: return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: return 0
            }
        }
    }

    /// `1.2.3.4:80`, `[::1]:80` or `unix:/path`.
    var description: String {
        withUnsafeBytes(of: storage) { raw in
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            switch family {
            case AF_INET:
                var address = raw.load(as: sockaddr_in.self).sin_addr
                inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                return "\(Self.string(text)):\(port)"
            case AF_INET6:
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                return "[\(Self.string(text))]:\(port)"
            case AF_UNIX:
                let path = raw.baseAddress!.advanced(by: MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!)
                return "unix:\(String(cString: path.assumingMemoryBound(to: CChar.self)))"
            default:
                return "family \(family)"
            }
        }
    }

    /// The text of a NUL-terminated C string held in an array.
    private static func string(_ text: [CChar]) -> String {
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The address as gRPC names peers: `ipv4:1.2.3.4:80`, `ipv6:[::1]:80` or `unix:/path`.
    var peerName: String {
        switch family {
        case AF_INET: "ipv4:\(description)"
        case AF_INET6: "ipv6:\(description)"
        default: description
        }
    }

    /// Resolves a transport address with `getaddrinfo`, which blocks on DNS unless `numericOnly`
    /// (client lookups of names run on ``LookupThreads``, see ``lookUp(_:using:)``).
    static func resolve(_ address: TransportAddress, passive: Bool, numericOnly: Bool = false) throws(SocketError)
        -> [SocketAddress]
    {
        switch address {
        case .unix(let path):
            return [try SocketAddress(unixPath: path)]
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = (passive ? AI_PASSIVE : 0) | (numericOnly ? AI_NUMERICHOST : 0)
            var list: UnsafeMutablePointer<addrinfo>?
            let rc = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
            guard rc == 0 else {
                throw SocketError(
                    operation: "getaddrinfo", errno: rc, address: address.description,
                    message: String(cString: gai_strerror(rc)))
            }
            defer { freeaddrinfo(list) }
            var result: [SocketAddress] = []
            var cursor = list
            while let entry = cursor {
                if let raw = entry.pointee.ai_addr {
                    result.append(SocketAddress(raw, length: entry.pointee.ai_addrlen))
                }
                cursor = entry.pointee.ai_next
            }
            return result
        }
    }
}

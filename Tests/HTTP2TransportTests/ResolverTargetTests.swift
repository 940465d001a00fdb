import HTTP2Transport
import Testing

@Suite("Channel targets in gRPC's naming syntax")
struct ResolverTargetTests {
    @Test(
        "dns:///, dns: and a bare HOST:PORT all name a host resolved with DNS; no port means 443",
        arguments: [
            ("dns:///localhost:50051", ResolverTarget.dns(host: "localhost", port: 50051)),
            ("dns:localhost:50051", .dns(host: "localhost", port: 50051)),
            ("localhost:50051", .dns(host: "localhost", port: 50051)),
            ("DNS:///example.com", .dns(host: "example.com", port: 443)),
            ("dns:///[::1]:8080", .dns(host: "::1", port: 8080)),
            ("[::1]:8080", .dns(host: "::1", port: 8080)),
            ("10.0.0.1:80", .dns(host: "10.0.0.1", port: 80)),
        ])
    func dnsTargets(text: String, expected: ResolverTarget) throws {
        #expect(try ResolverTarget(parsing: text) == expected)
    }

    @Test(
        "ipv4: and ipv6: list fixed address literals; unix: and unix:/// name a socket path",
        arguments: [
            (
                "ipv4:10.0.0.1:80,10.0.0.2:81",
                ResolverTarget.addresses([.tcp(host: "10.0.0.1", port: 80), .tcp(host: "10.0.0.2", port: 81)])
            ),
            ("ipv4:127.0.0.1", .addresses([.tcp(host: "127.0.0.1", port: 443)])),
            ("ipv6:[::1]:80,[fe80::1]:81", .addresses([.tcp(host: "::1", port: 80), .tcp(host: "fe80::1", port: 81)])),
            ("ipv6:::1", .addresses([.tcp(host: "::1", port: 443)])),
            ("unix:relative/sock", .unix(path: "relative/sock")),
            ("unix:///tmp/x.sock", .unix(path: "/tmp/x.sock")),
        ])
    func fixedTargets(text: String, expected: ResolverTarget) throws {
        #expect(try ResolverTarget(parsing: text) == expected)
    }

    @Test(
        "a bad target is refused with a reason naming what is wrong",
        arguments: [
            ("dns://8.8.8.8/example.com:443", "DNS server to ask (\"8.8.8.8\") is not supported"),
            ("ipv4:example.com:80", "\"example.com\" is not an IPv4 address"),
            ("ipv4:10.0.0.1:80,", "the host is empty"),
            ("ipv6:[10.0.0.1]:80", "is not an IPv6 address"),
            ("ipv4:10.0.0.1:99999", "outside 0–65535"),
            ("dns:///host:http", "the port \"http\" is not a number"),
            ("unix:", "the socket path is empty"),
            ("unix://host/tmp/x", "absolute path"),
            ("unix-abstract:name", "abstract Unix sockets"),
            ("xds:///service", "the scheme \"xds\" is not supported"),
            ("fe80::1:80", "must be in brackets"),
        ])
    func badTargets(text: String, reason: String) {
        let error = #expect(throws: ResolverTarget.ParseError.self) { try ResolverTarget(parsing: text) }
        #expect(error?.text == text)
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    @Test(
        "the canonical form parses back to the same target",
        arguments: [
            "dns:///localhost:50051", "ipv4:10.0.0.1:80,10.0.0.2:81", "ipv6:[::1]:80", "unix:/tmp/x.sock",
        ])
    func roundTrip(text: String) throws {
        let target = try ResolverTarget(parsing: text)
        #expect(target.description == text)
        #expect(try ResolverTarget(parsing: target.description) == target)
    }
}

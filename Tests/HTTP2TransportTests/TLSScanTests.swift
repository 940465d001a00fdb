import Foundation
@testable import HTTP2Transport
import ProtocSupport
import TLSEngine
import Testing

/// `openssl` for testssl: every `s_client` that names no application protocol offers ALPN
/// h2, as every client of an HTTP/2 server must (ours refuses the others in the handshake).
/// testssl 3.0.8 in `--ssl-native` mode takes a server whose answer to its first probe (the
/// only `s_client -msg` without a protocol, cipher or signature option) is TLS 1.3 for a TLS
/// 1.3-only one and skips the renegotiation, CRIME, LUCKY13 and RC4 checks; that probe is
/// made with TLS 1.2 so they run.
private let openSSLWithALPN = #"""
    #!/bin/sh
    if [ "$1" = s_client ]; then
      shift
      alpn="-alpn h2"; first=""
      case " $* " in *" -alpn "*|*" -nextprotoneg "*|*" -help "*) alpn="" ;; esac
      case " $* " in
        *" -msg "*)
          case " $* " in
            *" -tls1"*|*" -ssl"*|*" -no_tls1_3 "*|*" -cipher "*|*" -ciphersuites "*|*" -sigalgs "*) ;;
            *) first="-no_tls1_3" ;;
          esac ;;
      esac
      exec /usr/bin/openssl s_client $alpn $first "$@"
    fi
    exec /usr/bin/openssl "$@"
    """#

/// One finding of a testssl JSON report.
private struct ScanFinding: Decodable, CustomStringConvertible {
    let id: String
    let severity: String
    let finding: String

    var description: String { "\(severity) \(id): \(finding)" }
}

/// Our TLS server as an operator scans it: Debian's testssl (`testssl.sh`), protocols (`-p`),
/// cipher categories (`-s`), forward secrecy (`-f`) and the vulnerability checks (`-U`:
/// Heartbleed, CCS, ROBOT, renegotiation, CRIME, POODLE, fallback SCSV, SWEET32, FREAK, DROWN,
/// LOGJAM, BEAST, LUCKY13, RC4), about 25 s a scan.
///
/// testssl builds most of its ClientHellos itself, without ALPN, and our server refuses those
/// in the handshake; so the scan runs in `--ssl-native` mode through an `openssl` that offers
/// ALPN h2. What that leaves out:
/// - native mode cannot probe what Debian's OpenSSL 3 no longer speaks (SSLv2, SSLv3, export,
///   DES, RC4, 3DES suites, TLS compression: WARN "local problem"); the server's refusal of
///   those follows from its minimum of TLS 1.2 and its cipher list, which the policy tests
///   check with `openssl s_client`;
/// - a few probes still go through testssl's own ClientHello without ALPN, which the server
///   refuses: Heartbleed, CCS and Ticketbleed (moot for OpenSSL 3) find nothing to test, and
///   the "128 cipher limit bug" pre-test reports a false MEDIUM; it is left out of the
///   verdict and checked here instead with a 129-suite ClientHello offering h2.
@Suite("testssl scan of the TLS server", .serialized, .timeLimit(.minutes(5)))
struct TLSScanTests {
    /// Scans a server with `policy` and returns every finding.
    private func scan(policy: TLSPolicy) async throws -> [ScanFinding] {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS(policy: policy))
        let port = try server.address.tcpPort()
        let scratch = try TemporaryPath.directory("tls-scan")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let openSSL = scratch.appendingPathComponent("openssl")
        try openSSLWithALPN.write(to: openSSL, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: openSSL.path)
        let report = scratch.appendingPathComponent("report.json")

        let outcome = try await ToolProcess.run(
            "/usr/bin/env",
            [
                "timeout", "240", "testssl", "--ssl-native", "--openssl", openSSL.path, "-p", "-s", "-f", "-U",
                "--quiet", "--color", "0", "--warnings", "off", "--jsonfile", report.path, "https://127.0.0.1:\(port)",
            ], in: scratch)
        try await server.stop()
        let output = String(decoding: outcome.stdout, as: UTF8.self) + outcome.stderr
        guard let json = FileManager.default.contents(atPath: report.path) else {
            throw ChildProcess.Failure(
                description:
                    "testssl wrote no report (exit \(outcome.status); is Debian's testssl.sh installed? make setup): \(output)"
            )
        }
        return try JSONDecoder().decode([ScanFinding].self, from: json)
    }

    @Test(
        "the secure policy: testssl sees TLS 1.2 and 1.3, h2, AEAD and forward secrecy, and rates nothing LOW or worse")
    func secureDefault() async throws {
        let findings = try await scan(policy: .secure)
        let rated = findings.filter {
            ["LOW", "MEDIUM", "HIGH", "CRITICAL"].contains($0.severity) && $0.id != "pre_128cipher"
        }
        #expect(rated.isEmpty, "testssl findings:\n\(rated.map(\.description).joined(separator: "\n"))")
        // The scan really reached the server (a scan that cannot connect finds nothing either).
        let byID = Dictionary(findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, expected) in [
            ("TLS1_2", "offered"), ("TLS1_3", "offered"), ("ALPN_HTTP2", "h2"), ("cipherlist_STRONG", "offered"),
            ("PFS", "offered"), ("cipherlist_AVERAGE", "not offered"), ("TLS1_1", "not offered"),
            ("TLS1", "not offered"),
            ("secure_renego", "supported"), ("secure_client_renego", "not vulnerable"),
        ] {
            #expect(byID[id]?.finding == expected, "\(id): \(String(describing: byID[id]))")
        }
    }

    @Test(
        "no 128 cipher limit: a TLS 1.2 ClientHello with every suite OpenSSL knows (more than 128) and ALPN h2 is served"
    )
    func manySuitesInClientHello() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS())
        let port = try server.address.tcpPort()
        let list = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"
        let suites = try await ToolProcess.run("/usr/bin/env", ["openssl", "ciphers", "-tls1_2", list])
        #expect(String(decoding: suites.stdout, as: UTF8.self).split(separator: ":").count > 128)
        let outcome = try await ToolProcess.run(
            "/usr/bin/env",
            [
                "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2", "-cipher", list, "-alpn", "h2",
            ])
        let output = String(decoding: outcome.stdout, as: UTF8.self)
        #expect(output.contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"), "\(output)\(outcome.stderr)")
        #expect(output.contains("ALPN protocol: h2"), "\(output)")
        try await server.stop()
    }

    @Test("the scan finds what the issue reported when a custom policy lets CBC suites through (obsolete CBC, LUCKY13)")
    func cbcPolicyIsFlagged() async throws {
        let policy = TLSPolicy(
            tls12CipherSuites: "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA")
        let findings = try await scan(policy: policy)
        let rated = Dictionary(
            findings.filter { ["LOW", "MEDIUM", "HIGH", "CRITICAL"].contains($0.severity) }.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        #expect(rated["cipherlist_AVERAGE"] != nil, "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(rated["LUCKY13"] != nil, "\(findings.map(\.description).joined(separator: "\n"))")
    }
}

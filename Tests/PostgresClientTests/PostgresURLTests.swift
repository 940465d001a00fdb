import Foundation
@testable import PostgresClient
import Testing

@Suite("PostgreSQL connection URLs")
struct PostgresURLTests {
    @Test("user, password, host, port and database are read from postgres:// and postgresql:// URLs")
    func fullURL() throws {
        for scheme in ["postgres", "postgresql"] {
            let configuration = try PostgresConfiguration(url: "\(scheme)://alice:s3cr%40t@db.example.com:6543/pinit")
            #expect(configuration.user == "alice")
            #expect(configuration.password == "s3cr@t")
            #expect(configuration.host == "db.example.com")
            #expect(configuration.port == 6543)
            #expect(configuration.database == "pinit")
            #expect(configuration.sslMode == .prefer)
        }
    }

    @Test("the port defaults to 5432 and sslmode, connect_timeout, application_name are parameters")
    func parameters() throws {
        let configuration = try PostgresConfiguration(
            url: "postgres://bob@127.0.0.1/app?sslmode=verify-full&connect_timeout=3&application_name=relay")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.sslMode == .verifyFull)
        #expect(configuration.connectTimeout == .seconds(3))
        #expect(configuration.applicationName == "relay")
    }

    @Test("a bracketed IPv6 host keeps its colons and may carry a port")
    func ipv6() throws {
        let configuration = try PostgresConfiguration(url: "postgres://u@[::1]:7000/db")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.endpoint == "[::1]:7000")
    }

    @Test("the socket form: no host after @, the socket directory as ?host=")
    func unixSocket() throws {
        let configuration = try PostgresConfiguration(url: "postgres://postgres@/pinit?host=/run/postgresql")
        #expect(configuration.host == "/run/postgresql")
        #expect(configuration.usesUnixSocket)
        #expect(configuration.endpoint == "/run/postgresql/.s.PGSQL.5432")
        let encoded = try PostgresConfiguration(url: "postgres://postgres@%2Frun%2Fpostgresql:5433/pinit")
        #expect(encoded.host == "/run/postgresql")
        #expect(encoded.port == 5433)
    }

    @Test(
        "bad URLs are refused with a reason naming what is wrong",
        arguments: [
            ("mysql://u@h/db", PostgresURLError.Reason.unsupportedScheme("mysql")),
            ("u@h/db", .unsupportedScheme("")),
            ("postgres://h/db", .missingUser),
            ("postgres://:pw@h/db", .missingUser),
            ("postgres://u@/db", .missingHost),
            ("postgres://u@h", .missingDatabase),
            ("postgres://u@h/", .missingDatabase),
            ("postgres://u@h:0/db", .invalidPort("0")),
            ("postgres://u@h:65536/db", .invalidPort("65536")),
            ("postgres://u@h:abc/db", .invalidPort("abc")),
            ("postgres://u@h/db?sslmode=maybe", .invalidParameter(name: "sslmode", value: "maybe")),
            ("postgres://u@h/db?connect_timeout=-1", .invalidParameter(name: "connect_timeout", value: "-1")),
            ("postgres://u@h/db?colour=blue", .unknownParameter("colour")),
            ("postgres://u%zz@h/db", .invalidPercentEncoding("u%zz")),
        ])
    func badURLs(url: String, reason: PostgresURLError.Reason) {
        let redacted = url.replacingOccurrences(of: ":pw@", with: ":***@")
        #expect(throws: PostgresURLError(reason: reason, url: redacted)) { try PostgresConfiguration(url: url) }
    }

    @Test("passwords never appear in descriptions or URL errors")
    func passwordsHidden() throws {
        let configuration = try PostgresConfiguration(url: "postgres://alice:hunter2@h:5432/db")
        #expect(!configuration.description.contains("hunter2"))
        #expect(configuration.description == "postgres://alice:***@h:5432/db?sslmode=prefer")
        #expect(!String(reflecting: configuration).contains("hunter2"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        do {
            _ = try PostgresConfiguration(url: "postgres://alice:hunter2@h:99999/db")
            Issue.record("a port of 99999 was accepted")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("alice:***@h:99999"))
            #expect(error.description.contains("port '99999'"))
        }
    }

    @Test("bytea hex text round-trips every byte value")
    func byteaHex() {
        let bytes = Data((0...255).map(UInt8.init))
        let text = ByteaHex.encode(bytes)
        #expect(text.hasPrefix("\\x00010203"))
        #expect(ByteaHex.decode(text) == bytes)
        #expect(ByteaHex.decode("\\x0") == nil)
        #expect(ByteaHex.decode("0011") == nil)
    }
}

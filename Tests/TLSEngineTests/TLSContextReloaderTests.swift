import Foundation
import ProtocSupport
import Synchronization
import TLSEngine
import Testing

/// Certificate rotation without a restart: the context follows its files, a half-written
/// rotation keeps the previous context and is reported once.
@Suite("TLS contexts that follow their files")
struct TLSContextReloaderTests {
    /// Reports collected by a reloader.
    private final class Reports: Sendable {
        let lines = Mutex<[String]>([])
        var report: TLSContextReloader.Report { { line in self.lines.withLock { $0.append(line) } } }
        var count: Int { lines.withLock { $0.count } }
    }

    /// A server configuration over copies of the server's files, which the test replaces.
    private func copies(_ certificates: TestCertificates) throws -> (TLSServerConfiguration, chain: URL, key: URL) {
        let chain = certificates.directory.appendingPathComponent("live.pem")
        let key = certificates.directory.appendingPathComponent("live.key")
        try FileManager.default.copyItem(atPath: certificates.serverCertificate, toPath: chain.path)
        try FileManager.default.copyItem(atPath: certificates.serverKey, toPath: key.path)
        return (TLSServerConfiguration(certificateChainFile: chain.path, privateKeyFile: key.path), chain, key)
    }

    /// Runs `body` with a reloader over copies of the server's files, its reports, and the
    /// context it started with.
    private func withReloader(
        _ body: (TestCertificates, _ chain: URL, _ key: URL, Reports, TLSContextReloader, _ first: TLSContext) throws ->
            Void
    ) async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (configuration, chain, key) = try copies(certificates)
        let reports = Reports()
        let reloader = try TLSContextReloader(server: configuration, report: reports.report)
        try body(certificates, chain, key, reports, reloader, reloader.current())
    }

    /// Replaces `file` with `source` the way rotation tools do: a new file renamed over it.
    private func replace(_ file: URL, with source: String) throws {
        let staged = file.appendingPathExtension("new")
        try FileManager.default.copyItem(atPath: source, toPath: staged.path)
        guard rename(staged.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test("unchanged files give the same context; replaced ones a new context")
    func followsReplacedFiles() async throws {
        try await withReloader { certificates, chain, key, reports, reloader, first in
            #expect(reloader.current() === first)
            try replace(chain, with: certificates.serviceCertificate)
            try replace(key, with: certificates.serviceKey)
            let second = reloader.current()
            #expect(second !== first)
            #expect(reloader.current() === second)
            #expect(reports.count == 0)
        }
    }

    @Test("a half-written rotation keeps the previous context, is reported once, and completes when the key arrives")
    func halfWrittenRotation() async throws {
        try await withReloader { certificates, chain, key, reports, reloader, first in
            try replace(chain, with: certificates.serviceCertificate)
            #expect(reloader.current() === first)
            #expect(reloader.current() === first)
            #expect(reports.count == 1)
            let report = reports.lines.withLock { $0.first ?? "" }
            #expect(report.contains("live.key"), "\(report)")
            try replace(key, with: certificates.serviceKey)
            #expect(reloader.current() !== first)
            #expect(reports.count == 1)
        }
    }

    @Test("a file that does not parse keeps the previous context; reload() reports it and says so")
    func unparsableFile() async throws {
        try await withReloader { _, chain, _, reports, reloader, first in
            try Data("not a certificate".utf8).write(to: chain)
            #expect(reloader.reload() == false)
            #expect(reloader.current() === first)
            #expect(reports.count == 1)
        }
    }

    @Test("files that do not load at the start are an error at once")
    func badFilesAtStart() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        #expect(throws: TLSError.self) {
            try TLSContextReloader(
                server: TLSServerConfiguration(
                    certificateChainFile: certificates.serverCertificate, privateKeyFile: certificates.clientKey),
                report: { _ in })
        }
    }
}

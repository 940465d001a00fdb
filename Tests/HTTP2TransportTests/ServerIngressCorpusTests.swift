import Foundation
import Testing

@Suite("ServerIngress fuzz corpus replay", .timeLimit(.minutes(2)))
struct ServerIngressCorpusTests {
    static let target = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/ServerIngress")

    static func inputs(in folder: String) throws -> [URL] {
        let directory = target.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test(
        "every corpus and crash input of the server-ingress fuzzer ends in whole frames and a close, its connection freed"
    )
    func replay() async throws {
        let corpus = try Self.inputs(in: "corpus")
        #expect(!corpus.isEmpty, "Fuzz/ServerIngress/corpus is empty; run Fuzz/run.sh")
        let files = try corpus + Self.inputs(in: "crashes")
        // The check blocks on sockets: one thread of its own, never the cooperative pool.
        let failures = try await onOwnThread {
            try files.compactMap { file -> String? in
                let bytes = try [UInt8](Data(contentsOf: file))
                return ServerIngressCheck.failure(for: bytes).map { "\(file.lastPathComponent): \($0)" }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("the output check rejects a cut frame and output that does not start with SETTINGS")
    func outputCheckCanFail() {
        #expect(ServerIngressCheck.frameProblem([0, 0, 0, 4, 0, 0, 0, 0, 0]) == nil)
        #expect(ServerIngressCheck.frameProblem([0, 0, 8, 4, 0, 0, 0, 0, 0, 1]) != nil)
        #expect(ServerIngressCheck.frameProblem([0, 0, 0, 6, 0, 0, 0, 0, 0]) != nil)
    }
}

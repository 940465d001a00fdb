import Foundation
import Testing

@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let target = ExternalTool.repositoryRoot.appendingPathComponent("Fuzz/CodecDecoder")

    static func inputs(in folder: String) throws -> [URL] {
        let directory = target.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test("every corpus and crash input of the decoder fuzzer decodes, re-encodes and decodes equal, or is rejected")
    func replay() throws {
        let corpus = try Self.inputs(in: "corpus")
        #expect(!corpus.isEmpty, "Fuzz/CodecDecoder/corpus is empty; run Fuzz/run.sh")
        for file in try corpus + Self.inputs(in: "crashes") {
            let bytes = try [UInt8](Data(contentsOf: file))
            let failure = bytes.withUnsafeBytes { RoundTripCheck.failure(for: $0) }
            #expect(failure == nil, "\(file.lastPathComponent): \(failure ?? "")")
        }
    }
}

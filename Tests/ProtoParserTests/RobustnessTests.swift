import Foundation
import ProtoParser
import Testing

/// Hostile or broken input ends in diagnostics, never in a crash or a hang: every prefix of
/// real files, and bytes flipped in them, compile to either descriptors or located errors.
@Suite("Robustness")
struct RobustnessTests {
    static let samples = [
        "/usr/share/grpc-proto/grpc/testing/messages.proto",
        ProtocAgreementTests.testProtos + "/parsertest/custom_options.proto",
        ProtocAgreementTests.testProtos + "/parsertest/proto2_features.proto",
    ]

    /// Compiles `text` as `fuzz.proto` (with descriptor.proto importable) and checks the outcome.
    func expectCleanOutcome(_ text: [UInt8]) {
        let compiler = ProtoCompiler(importPaths: [ProtocAgreementTests.includeRoot], sources: ["fuzz.proto": text])
        do {
            let files = try compiler.compile(files: ["fuzz.proto"], includeSourceInfo: true)
            #expect(files.last?.name == "fuzz.proto")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            for diagnostic in error.diagnostics where diagnostic.file == "fuzz.proto" {
                #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(diagnostic)")
            }
        }
    }

    @Test("every prefix of a real file compiles or fails with located diagnostics", arguments: samples)
    func prefixes(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for length in stride(from: 0, through: bytes.count, by: 97) {
            expectCleanOutcome(Array(bytes[..<length]))
        }
    }

    @Test("single corrupted bytes anywhere in a real file never crash the compiler", arguments: samples)
    func corruptedBytes(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let replacements: [UInt8] = [
            0, UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "-"), 0xff,
        ]
        for (step, index) in stride(from: 0, to: bytes.count, by: 131).enumerated() {
            var corrupted = bytes
            corrupted[index] = replacements[step % replacements.count]
            expectCleanOutcome(corrupted)
        }
    }
}

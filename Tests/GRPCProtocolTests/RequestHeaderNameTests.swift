@testable import GRPCProtocol
import Testing

@Suite("Header bytes compared with known names")
struct RequestHeaderNameTests {
    /// Runs `body` with `text`'s UTF-8 as borrowed bytes.
    func withBytes<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        Array(text.utf8).withUnsafeBytes(body)
    }

    @Test("spells: exactly the same bytes, nothing shorter, longer, or different in one byte or in case")
    func spellsExactly() {
        #expect(withBytes("te") { $0.spells("te") })
        #expect(withBytes("") { $0.spells("") })
        #expect(!withBytes("t") { $0.spells("te") })
        #expect(!withBytes("tee") { $0.spells("te") })
        #expect(!withBytes("tf") { $0.spells("te") })
        #expect(!withBytes("TE") { $0.spells("te") })
        #expect(!withBytes("") { $0.spells("te") })
    }

    @Test("spellsIgnoringCase and startsIgnoringCase: ASCII case is ignored, other bytes are not")
    func ignoringCase() {
        #expect(withBytes("Application/GRPC") { $0.spellsIgnoringCase("application/grpc") })
        #expect(withBytes("application/grpc") { $0.spellsIgnoringCase("application/grpc") })
        #expect(!withBytes("application/grpd") { $0.spellsIgnoringCase("application/grpc") })
        #expect(!withBytes("application/grp") { $0.spellsIgnoringCase("application/grpc") })
        #expect(withBytes("APPLICATION/grpc+proto") { $0.startsIgnoringCase(with: "application/grpc") })
        #expect(!withBytes("application/gr") { $0.startsIgnoringCase(with: "application/grpc") })
    }
}

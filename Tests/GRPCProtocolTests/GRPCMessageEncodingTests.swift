import Testing
import GRPCProtocol

@Suite("grpc-message percent-encoding")
struct GRPCMessageEncodingTests {
    @Test("printable ASCII other than % passes through unchanged")
    func printablePassesThrough() {
        #expect(GRPCMessageEncoding.encode("not found: id 7 (see docs)") == "not found: id 7 (see docs)")
    }

    @Test("percent, control characters and non-ASCII UTF-8 are percent-encoded")
    func escapes() {
        #expect(GRPCMessageEncoding.encode("100%") == "100%25")
        #expect(GRPCMessageEncoding.encode("a\nb\tc") == "a%0Ab%09c")
        #expect(GRPCMessageEncoding.encode("café") == "caf%C3%A9")
        #expect(GRPCMessageEncoding.encode("\u{7F}") == "%7F")
    }

    @Test("decoding reverses encoding, including multi-byte UTF-8")
    func roundTrip() {
        for text in ["", "plain", "100%", "ünïcödé ✓ 🚀", "line\r\nbreak", "%%%"] {
            #expect(GRPCMessageEncoding.decode(GRPCMessageEncoding.encode(text)) == text)
        }
        #expect(GRPCMessageEncoding.decode("caf%c3%a9") == "café")
    }

    @Test("a malformed escape never fails decoding: it passes through raw")
    func malformedEscapePassesThrough() {
        #expect(GRPCMessageEncoding.decode("50%") == "50%")
        #expect(GRPCMessageEncoding.decode("%4") == "%4")
        #expect(GRPCMessageEncoding.decode("%zz%41") == "%zzA")
        #expect(GRPCMessageEncoding.decode("%%41") == "%A")
    }

    @Test("an escape decoding to invalid UTF-8 becomes a replacement character, not a failure")
    func invalidUTF8Replaced() {
        #expect(GRPCMessageEncoding.decode("a%FFb") == "a\u{FFFD}b")
    }
}

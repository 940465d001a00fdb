import ProtoCodec
import Testing

@Suite("protoc's text forms of scalar values")
struct ProtoScalarTextTests {
    @Test("bytes defaults undo protoc's C escapes, and reject broken ones")
    func bytesDefaults() {
        #expect(ProtoScalarText.cUnescaped(#"\001\377x\"\\\n\x41"#.utf8) == [1, 255, 120, 34, 92, 10, 0x41])
        #expect(ProtoScalarText.cUnescaped(#"bad\"#.utf8) == nil)
        #expect(ProtoScalarText.cUnescaped(#"\q"#.utf8) == nil)
    }
}

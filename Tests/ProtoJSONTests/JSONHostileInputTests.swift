import ProtoJSON
import Testing

@Suite("Hostile JSON input")
struct JSONHostileInputTests {
    @Test("every truncation of a rich JSON document throws a positioned error, never traps")
    func truncations() async throws {
        let codec = JSONCodec(pool: try JSONFixtures.pool())
        let bytes = try await JSONFixtures.encode(
            #"any { [type.googleapis.com/codectest.TestAllTypes] { singular_int64: 5 repeated_bytes: "ab" } } struct { fields { key: "a" value { list_value { values { number_value: 1 } } } } } timestamp { seconds: 1 }"#,
            type: "jsontest.WellKnown")
        let json = try codec.encode(
            serializedBytes: bytes, typeName: "jsontest.WellKnown", options: JSONPrintOptions(pretty: true))
        let utf8 = Array(json.utf8)
        for length in 0..<utf8.count {
            let prefix = String(decoding: utf8[..<length], as: UTF8.self)
            #expect(throws: JSONCodecError.self) { try codec.decode(prefix, typeName: "jsontest.WellKnown") }
        }
        #expect(
            try codec.encode(codec.decode(json, typeName: "jsontest.WellKnown"))
                == codec.encode(serializedBytes: bytes, typeName: "jsontest.WellKnown"))
    }

    @Test("arrays nested past the limit are rejected, not recursed into")
    func deepNesting() throws {
        let codec = JSONCodec(pool: try JSONFixtures.pool())
        let json = #"{"value":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect {
            try codec.decode(json, typeName: "jsontest.WellKnown")
        } throws: { error in
            (error as? JSONCodecError)?.message.contains("nested deeper than 100") == true
        }
    }

    @Test("invalid strings: unpaired surrogates, raw control characters, bad escapes")
    func badStrings() throws {
        let codec = JSONCodec(pool: try JSONFixtures.pool())
        for bad in [#"{"name":"\ud800"}"#, "{\"name\":\"a\u{01}\"}", #"{"name":"\q"}"#, #"{"name":"\u12"}"#] {
            #expect(throws: JSONCodecError.self, "\(bad)") { try codec.decode(bad, typeName: "jsontest.Schedule") }
        }
        let ok = try codec.decode(#"{"name":"\ud83d\ude00\u00e9\/"}"#, typeName: "jsontest.Schedule")
        #expect(try codec.encode(ok) == #"{"name":"😀é/"}"#)
    }
}

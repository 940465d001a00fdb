import DynamicProto
import ProtoJSON
import Testing

@Suite("JSON agreement with Python's json_format")
struct JSONAgreementTests {
    /// `bytes` re-encoded by us without unknown fields: map entries in our key order (Python's
    /// deterministic order differs), NaNs bit for bit.
    func canonical(_ bytes: [UInt8], _ type: String, _ pool: DescriptorPool) throws -> [UInt8] {
        var message = try DynamicMessage(typeName: type, pool: pool)
        try message.merge(serializedBytes: bytes)
        message.unknownFields = .init()
        return message.serializedBytes()
    }

    @Test(
        "each corpus message: Python parses our JSON to our message, we parse Python's JSON to it, canonical texts are equal"
    )
    func corpusAgrees() async throws {
        let pool = try JSONFixtures.pool()
        let codec = JSONCodec(pool: pool)
        var requests: [PythonPeer.Case] = []
        for corpusCase in JSONCorpus.cases {
            let bytes = try await JSONFixtures.encode(corpusCase.text, type: corpusCase.type) + corpusCase.extraBytes
            let options = JSONPrintOptions(
                pretty: true, emitDefaults: corpusCase.emitDefaults, keepProtoNames: corpusCase.keepProtoNames)
            let ours = try codec.encode(serializedBytes: bytes, typeName: corpusCase.type, options: options)
            requests.append(
                PythonPeer.Case(
                    type: corpusCase.type, bytes: bytes, ours: ours,
                    emitDefaults: corpusCase.emitDefaults, keepProtoNames: corpusCase.keepProtoNames))
        }
        let results = try await PythonPeer.run(requests)
        try #require(results.count == JSONCorpus.cases.count)
        for (index, corpusCase) in JSONCorpus.cases.enumerated() {
            let result = results[index], request = requests[index]
            let expected = try canonical(request.bytes ?? [], corpusCase.type, pool)
            #expect(!result.python.isEmpty, "\(corpusCase): json_format failed: \(result.parseError ?? "")")
            #expect(result.parseError == nil, "\(corpusCase): Python rejected our JSON: \(result.parseError ?? "")")
            let fromOurs = try result.fromOurs.map { try canonical($0, corpusCase.type, pool) }
            #expect(fromOurs == expected, "\(corpusCase): Python parsed our JSON to another message")
            let fromPython = try codec.decode(result.python, typeName: corpusCase.type).serializedBytes()
            #expect(fromPython == expected, "\(corpusCase): we parsed Python's JSON to another message")
            if corpusCase.textDiffers == nil {
                #expect(
                    JSONFixtures.withoutWhitespace(request.ours) == JSONFixtures.withoutWhitespace(result.python),
                    "\(corpusCase): JSON text differs from json_format's")
            }
        }
    }

    @Test("json_format accepts and rejects the same input forms we do, and reads accepted ones to the same message")
    func inputFormsAgree() async throws {
        let pool = try JSONFixtures.pool()
        let codec = JSONCodec(pool: pool)
        let cases = JSONInputForms.cases
        let results = try await PythonPeer.run(cases.map { PythonPeer.Case(type: $0.type, ours: $0.json) })
        try #require(results.count == cases.count)
        for (form, result) in zip(cases, results) {
            let ours = Result { try codec.decode(form.json, typeName: form.type).serializedBytes() }
            switch (ours, result.fromOurs) {
            case let (.success(bytes), python?):
                #expect(try canonical(python, form.type, pool) == bytes, "\(form.json): read differently")
            case (.failure, nil): break
            case (.success, nil):
                #expect(
                    form.outcomesDiffer != nil,
                    "\(form.json): we accept, json_format rejects: \(result.parseError ?? "")")
            case let (.failure(error), _?):
                #expect(form.outcomesDiffer != nil, "\(form.json): json_format accepts, we reject: \(error)")
            }
        }
    }
}

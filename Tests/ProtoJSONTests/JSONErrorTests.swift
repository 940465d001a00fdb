import ProtoJSON
import Testing

@Suite("Bad JSON errors name the JSON path and position")
struct JSONErrorTests {
    let codec: JSONCodec

    init() throws {
        codec = JSONCodec(pool: try JSONFixtures.pool())
    }

    func failure(_ json: String, _ type: String = "jsontest.Holder", options: JSONParseOptions = .init())
        -> JSONCodecError?
    {
        do {
            _ = try codec.decode(json, typeName: type, options: options)
            return nil
        } catch {
            return error
        }
    }

    func expectFailure(
        _ json: String, _ type: String = "jsontest.Holder", path: String, line: Int, column: Int, saying words: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = failure(json, type) else {
            Issue.record("no error for \(json)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(words), "\(error)", sourceLocation: sourceLocation)
    }

    @Test("an invalid timestamp names .schedule.startTime and its line and column")
    func invalidTimestamp() {
        let json = """
            {
              "schedule": {
                "startTime": "2020-13-01T00:00:00Z"
              }
            }
            """
        expectFailure(json, path: ".schedule.startTime", line: 3, column: 18, saying: "invalid timestamp")
        #expect(failure(json)?.description.hasPrefix("3:18: at .schedule.startTime: invalid timestamp") == true)
    }

    @Test("an unknown field names the object and points at the key")
    func unknownField() {
        expectFailure(
            #"{"schedule": {"nmae": "x"}}"#, path: ".schedule", line: 1, column: 15, saying: #"unknown field "nmae""#)
    }

    @Test("a value of the wrong JSON type names the field")
    func wrongType() {
        expectFailure(
            #"{"schedule": {"name": 5}}"#, path: ".schedule.name", line: 1, column: 23, saying: "expected a string")
        expectFailure(#"{"schedule": []}"#, path: ".schedule", line: 1, column: 14, saying: "expected an object")
        expectFailure(
            #"{"schedule": {"children": {}}}"#, path: ".schedule.children", line: 1, column: 27,
            saying: "expected an array")
    }

    @Test("bad base64 names the field")
    func badBase64() {
        expectFailure(
            #"{"schedule":{"payload":"ab$c"}}"#, path: ".schedule.payload", line: 1, column: 24,
            saying: "invalid base64")
    }

    @Test("out-of-range and fractional integers are rejected")
    func outOfRange() {
        expectFailure(
            #"{"schedule":{"priority":2147483648}}"#, path: ".schedule.priority", line: 1, column: 25,
            saying: "out of range for int32")
        expectFailure(
            #"{"schedule":{"priority":1.5}}"#, path: ".schedule.priority", line: 1, column: 25,
            saying: "not a whole number")
        expectFailure(
            #"{"schedule":{"counts":{"a":"9223372036854775808"}}}"#, path: ".schedule.counts[a]", line: 1, column: 28,
            saying: "out of range for int64")
        expectFailure(
            #"{"schedule":{"priority":" 5"}}"#, path: ".schedule.priority", line: 1, column: 25,
            saying: "not a valid int32")
        expectFailure(
            #"{"singularFloat":1e39}"#, "codectest.TestAllTypes", path: ".singularFloat", line: 1, column: 18,
            saying: "out of range for float")
    }

    @Test("paths into repeated fields carry the index")
    func repeatedIndex() {
        expectFailure(
            #"{"schedule":{"children":[{},{"name":true}]}}"#, path: ".schedule.children[1].name", line: 1, column: 37,
            saying: "expected a string")
    }

    @Test("malformed JSON reports the position of the offending character")
    func malformed() {
        expectFailure(
            "{\"schedule\": {\"name\": \"x\",}\n}", path: "", line: 1, column: 27, saying: "expected a string key")
        expectFailure("{\"schedule\": {} } x", path: "", line: 1, column: 19, saying: "unexpected text")
        expectFailure("[1, 01]", "jsontest.Holder", path: "", line: 1, column: 5, saying: "leading zeros")
    }

    @Test("a field given twice and two members of one oneof are rejected")
    func duplicates() {
        expectFailure(
            #"{"schedule":{},"schedule":{}}"#, path: ".schedule", line: 1, column: 27, saying: "more than once")
        expectFailure(
            #"{"oneofUint32":1,"oneofString":"a"}"#, "codectest.TestAllTypes", path: ".oneofString", line: 1,
            column: 32, saying: "oneof oneof_field")
    }

    @Test("an Any whose @type is not in the pool is an error at .any.@type")
    func anyUnknownType() {
        expectFailure(
            #"{"any":{"@type":"type.googleapis.com/nowhere.Thing"}}"#, "jsontest.WellKnown", path: ".any.@type",
            line: 1, column: 17, saying: "not in the descriptor pool")
    }

    @Test("an invalid duration and an over-long fraction are rejected")
    func badDurations() {
        expectFailure(
            #"{"duration":"1.5"}"#, "jsontest.WellKnown", path: ".duration", line: 1, column: 13,
            saying: "invalid duration")
        expectFailure(
            #"{"duration":"315576000001s"}"#, "jsontest.WellKnown", path: ".duration", line: 1, column: 13,
            saying: "invalid duration")
        expectFailure(
            #"{"timestamp":"1970-01-01T00:00:00.1234567890Z"}"#, "jsontest.WellKnown", path: ".timestamp", line: 1,
            column: 14, saying: "invalid timestamp")
    }
}

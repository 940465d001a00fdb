/// JSON inputs, valid and not, that both readers must treat alike.
struct JSONInputForm: Sendable {
    let type: String
    let json: String
    /// Why json_format and we may accept or reject this input differently.
    var outcomesDiffer: String?

    init(_ json: String, _ type: String = "jsontest.Schedule", outcomesDiffer: String? = nil) {
        self.type = type
        self.json = json
        self.outcomesDiffer = outcomesDiffer
    }
}

enum JSONInputForms {
    static let allTypes = "codectest.TestAllTypes"
    static let wellKnown = "jsontest.WellKnown"

    static let cases: [JSONInputForm] = [
        // Names.
        JSONInputForm(
            #"{"display_title":"a","title":"b"}"#,
            outcomesDiffer:
                "json_format lets the last of two spellings of one field win; we reject the duplicate, as Go's protojson does"
        ),
        JSONInputForm(#"{"title":"a","startTime":null}"#),
        JSONInputForm(#"{"nope":1}"#),
        // Integers.
        JSONInputForm(#"{"priority":"12"}"#),
        JSONInputForm(#"{"priority":-2147483648}"#),
        JSONInputForm(#"{"priority":2147483648}"#),
        JSONInputForm(#"{"priority":1e3}"#),
        JSONInputForm(#"{"priority":1.5}"#),
        JSONInputForm(#"{"priority":true}"#),
        JSONInputForm(#"{"priority":" 1"}"#),
        JSONInputForm(#"{"singularUint32":-1}"#, allTypes),
        JSONInputForm(#"{"singularInt64":"-9223372036854775809"}"#, allTypes),
        JSONInputForm(#"{"singularUint64":18446744073709551616}"#, allTypes),
        JSONInputForm(#"{"singularInt64":"1e3"}"#, allTypes),
        JSONInputForm(#"{"singularUint64":"18446744073709551615","singularInt64":9007199254740993}"#, allTypes),
        JSONInputForm(#"{"counts":{"a":"1","b":2}}"#),
        // Floats.
        JSONInputForm(
            #"{"singularFloat":"NaN","singularDouble":"-Infinity","repeatedFloat":["Infinity",1]}"#, allTypes),
        JSONInputForm(#"{"singularDouble":"1.5"}"#, allTypes),
        JSONInputForm(#"{"singularFloat":1e39}"#, allTypes),
        JSONInputForm(#"{"singularDouble":"nan"}"#, allTypes),
        // Enums.
        JSONInputForm(#"{"singularNestedEnum":"BAR","repeatedNestedEnum":[1,"NEG",42]}"#, allTypes),
        JSONInputForm(#"{"singularNestedEnum":"NOPE"}"#, allTypes),
        // Bytes.
        JSONInputForm(#"{"payload":"-_8"}"#),
        JSONInputForm(#"{"payload":"+/8="}"#),
        JSONInputForm(#"{"payload":"YQ"}"#),
        JSONInputForm(#"{"payload":"a$"}"#),
        // Maps and repeated fields.
        JSONInputForm(#"{"mapBoolDouble":{"true":1,"false":2},"mapInt32Bytes":{"-5":""}}"#, allTypes),
        JSONInputForm(#"{"mapBoolDouble":{"yes":1}}"#, allTypes),
        JSONInputForm(#"{"mapInt32Bytes":{"x":""}}"#, allTypes),
        JSONInputForm(#"{"children":[{"name":"a"},null]}"#),
        JSONInputForm(#"{"children":{}}"#),
        // Oneofs.
        JSONInputForm(#"{"oneofUint32":1,"oneofString":"a"}"#, allTypes),
        JSONInputForm(#"{"oneofUint32":null,"oneofString":"a"}"#, allTypes),
        // Well-known types.
        JSONInputForm(#"{"timestamp":"1972-01-01T10:00:20.021+05:30","duration":"-0.5s"}"#, wellKnown),
        JSONInputForm(
            #"{"timestamp":"0001-01-01T00:00:00Z","timestamps":{"a":"9999-12-31T23:59:59.999999999Z"}}"#, wellKnown),
        JSONInputForm(#"{"timestamp":"10000-01-01T00:00:00Z"}"#, wellKnown),
        JSONInputForm(#"{"timestamp":"1972-02-30T00:00:00Z"}"#, wellKnown),
        JSONInputForm(#"{"duration":"315576000001s"}"#, wellKnown),
        JSONInputForm(#"{"duration":"1"}"#, wellKnown),
        JSONInputForm(
            #"{"int64Value":"5","uint32Value":7,"boolValue":false,"bytesValue":"AQ==","doubleValue":"NaN"}"#, wellKnown),
        JSONInputForm(#"{"fieldMask":"fooBar,baz.quxQuux","empty":{}}"#, wellKnown),
        JSONInputForm(#"{"fieldMask":"foo_bar"}"#, wellKnown),
        JSONInputForm(#"{"struct":{"a":[1,{"b":null}],"c":"d"},"value":null,"listValue":[true,2]}"#, wellKnown),
        JSONInputForm(#"{"values":[null,1,"s",{},[]]}"#, wellKnown),
        JSONInputForm(#"{"any":{"@type":"type.googleapis.com/google.protobuf.Duration","value":"2s"}}"#, wellKnown),
        JSONInputForm(#"{"any":{"@type":"type.googleapis.com/codectest.TestAllTypes","singularInt32":3}}"#, wellKnown),
        JSONInputForm(#"{"any":{"@type":"type.googleapis.com/nowhere.Thing"}}"#, wellKnown),
        JSONInputForm(#"{"any":{"singularInt32":3}}"#, wellKnown),
        JSONInputForm(#"{"nullValue":null}"#, wellKnown),
        // Edges.
        JSONInputForm(#"{"singularDouble":1e400}"#, allTypes),
        JSONInputForm(#"{"singularInt32":-0,"singularSint32":"-0","singularFloat":"-0"}"#, allTypes),
        JSONInputForm(#"{"singularBool":"true"}"#, allTypes),
        JSONInputForm(#"{"singularString":1}"#, allTypes),
        JSONInputForm(#"{"singularBytes":null,"singularNestedMessage":null,"optionalInt32":null}"#, allTypes),
        JSONInputForm(#"{"mapStringString":{"a":null}}"#, allTypes),
        JSONInputForm(#"{"repeatedInt32":[1,null]}"#, allTypes),
        JSONInputForm(#"{"timestamp":"1972-01-01T10:00:20"}"#, wellKnown),
        JSONInputForm(
            #"{"duration":"1.0000000001s"}"#, wellKnown,
            outcomesDiffer:
                "json_format drops digits past nanoseconds; the spec allows only fractions that fit, as we do"),
        JSONInputForm(#"{"fieldMask":""}"#, wellKnown),
        JSONInputForm(#"{"any":{}}"#, wellKnown),
        JSONInputForm(#"{"anys":[{"@type":"type.googleapis.com/google.protobuf.Empty","value":{}}]}"#, wellKnown),
        // Malformed JSON.
        JSONInputForm(#"{"name":"a",}"#),
        JSONInputForm(#"{"name":'a'}"#),
        JSONInputForm(#"{"name":"a"} x"#),
    ]
}

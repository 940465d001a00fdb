import DynamicProto
import ProtoCodec
import ProtoDescriptors
import ProtoJSON
import Testing

@Suite("JSON mapping rules")
struct JSONCodecTests {
    let codec: JSONCodec

    init() throws {
        codec = JSONCodec(pool: try JSONFixtures.pool())
    }

    func roundTrip(_ json: String, _ type: String = "jsontest.Schedule", options: JSONPrintOptions = .init()) throws
        -> String
    {
        try codec.encode(codec.decode(json, typeName: type), options: options)
    }

    @Test("pretty printing indents two spaces per level, like grpcurl; compact has no spaces")
    func prettyAndCompact() throws {
        let json = #"{"name":"a","children":[{"priority":1},{}],"counts":{"x":"2"}}"#
        #expect(try roundTrip(json) == json)
        let pretty = try roundTrip(json, options: JSONPrintOptions(pretty: true))
        #expect(
            pretty == """
                {
                  "name": "a",
                  "children": [
                    {
                      "priority": 1
                    },
                    {}
                  ],
                  "counts": {
                    "x": "2"
                  }
                }
                """)
    }

    @Test("output uses json_name (custom ones too); input accepts it and the proto name")
    func fieldNames() throws {
        #expect(
            try roundTrip(#"{"display_title":"t","start_time":"1970-01-01T00:00:00Z"}"#)
                == #"{"startTime":"1970-01-01T00:00:00Z","title":"t"}"#)
        #expect(
            try roundTrip(#"{"title":"t"}"#, options: JSONPrintOptions(keepProtoNames: true))
                == #"{"display_title":"t"}"#)
    }

    @Test("integers are accepted as numbers, strings and whole-valued exponents; 64-bit print as strings")
    func integers() throws {
        #expect(
            try roundTrip(#"{"priority":"-5","counts":{"a":9007199254740993,"b":"-9223372036854775808","c":1e3}}"#)
                == #"{"counts":{"a":"9007199254740993","b":"-9223372036854775808","c":"1000"},"priority":-5}"#)
    }

    @Test("enums accept names and numbers; unknown numbers print as numbers")
    func enums() throws {
        let type = "codectest.TestAllTypes"
        #expect(
            try roundTrip(#"{"singularNestedEnum":2,"repeatedNestedEnum":["NEG",12]}"#, type)
                == #"{"singularNestedEnum":"BAR","repeatedNestedEnum":["NEG",12]}"#)
    }

    @Test("bytes accept URL-safe and unpadded base64 and print standard padded base64")
    func base64Forms() throws {
        #expect(try roundTrip(#"{"payload":"-_8"}"#) == #"{"payload":"+/8="}"#)
        #expect(try roundTrip(#"{"payload":"+/8="}"#) == #"{"payload":"+/8="}"#)
    }

    @Test("null leaves a field at its default, except for google.protobuf.Value")
    func nulls() throws {
        #expect(try roundTrip(#"{"name":null,"startTime":null,"children":null}"#) == "{}")
        #expect(try roundTrip(#"{"value":null,"nullValue":null}"#, "jsontest.WellKnown") == #"{"value":null}"#)
    }

    @Test("timestamps accept offsets and print UTC with 0, 3, 6 or 9 fractional digits")
    func timestampOffsets() throws {
        #expect(
            try roundTrip(#"{"startTime":"1972-01-01T11:30:20.021+01:30"}"#)
                == #"{"startTime":"1972-01-01T10:00:20.021Z"}"#)
        #expect(
            try roundTrip(#"{"startTime":"1970-01-01T00:00:00.1234Z"}"#)
                == #"{"startTime":"1970-01-01T00:00:00.123400Z"}"#)
        #expect(
            try roundTrip(#"{"startTime":"1969-12-31T23:59:59.999999999Z"}"#)
                == #"{"startTime":"1969-12-31T23:59:59.999999999Z"}"#)
    }

    @Test("emitDefaults prints implicit-presence fields but not unset optional, oneof or message fields")
    func emitDefaults() throws {
        let json = try roundTrip("{}", options: JSONPrintOptions(emitDefaults: true))
        #expect(json == #"{"name":"","children":[],"counts":{},"title":"","payload":"","priority":0}"#)
        let all = try roundTrip("{}", "codectest.TestAllTypes", options: JSONPrintOptions(emitDefaults: true))
        #expect(all.contains(#""singularInt64":"0""#) && !all.contains("optionalInt32") && !all.contains("oneof"))
    }

    @Test("unknown fields are skipped when asked, as are unknown enum names")
    func ignoreUnknown() throws {
        let options = JSONParseOptions(ignoreUnknownFields: true)
        let message = try codec.decode(
            #"{"nope":[1,{"x":2}],"name":"n"}"#, typeName: "jsontest.Schedule", options: options)
        #expect(try codec.encode(message) == #"{"name":"n"}"#)
        let enums = try codec.decode(
            #"{"singularNestedEnum":"NOPE"}"#, typeName: "codectest.TestAllTypes", options: options)
        #expect(try codec.encode(enums) == "{}")
    }

    @Test("generated messages go through their bytes: ProtoCodec's Timestamp prints as RFC 3339")
    func generatedMessages() throws {
        let timestamp = Google_Protobuf_Timestamp(seconds: 63_108_020, nanos: 21_000_000)
        let json = try codec.encode(timestamp)
        #expect(json == #""1972-01-01T10:00:20.021Z""#)
        #expect(try codec.decode(#""1972-01-01T10:00:20.021Z""#, as: Google_Protobuf_Timestamp.self) == timestamp)
    }

    @Test("Any holding a type missing from the pool cannot be printed")
    func anyUnknownTypeOnOutput() throws {
        var any = try DynamicMessage(typeName: "google.protobuf.Any", pool: codec.pool)
        any.set(any.descriptor.field(number: 1)!, to: .string("type.googleapis.com/nowhere.Thing"))
        #expect {
            try codec.encode(any)
        } throws: { error in
            "\(error)"
                == #"at top level: Any has type "type.googleapis.com/nowhere.Thing", which is not in the descriptor pool"#
        }
    }

    @Test("a well-known name with another shape (an untrusted server's descriptors) prints as a plain message")
    func misshapenWellKnownType() throws {
        var seconds = FieldDescriptorProto()
        seconds.name = "seconds"
        seconds.number = 1
        seconds.type = .string
        seconds.label = .optional
        var timestamp = DescriptorProto()
        timestamp.name = "Timestamp"
        timestamp.field = [seconds]
        var file = FileDescriptorProto()
        file.name = "fake.proto"
        file.package = "google.protobuf"
        file.syntax = "proto3"
        file.messageType = [timestamp]
        let codec = JSONCodec(pool: try DescriptorPool(files: [file]))
        let message = try codec.decode(#"{"seconds":"soon"}"#, typeName: "google.protobuf.Timestamp")
        #expect(try codec.encode(message) == #"{"seconds":"soon"}"#)
    }

    @Test("a stream of JSON values reads as one message each; an error points into the whole text")
    func sequences() throws {
        let messages = try codec.decodeSequence(" {\"name\":\"a\"}\n{}{\"priority\":2} ", typeName: "jsontest.Schedule")
        #expect(try messages.map { try codec.encode($0) } == [#"{"name":"a"}"#, "{}", #"{"priority":2}"#])
        #expect(try codec.decodeSequence("  ", typeName: "jsontest.Schedule").isEmpty)
        #expect {
            try codec.decodeSequence("{}\n{\"priority\":\"x\"}", typeName: "jsontest.Schedule")
        } throws: { error in
            let error = error as? JSONCodecError
            return error?.line == 2 && error?.column == 13 && error?.path == ".priority"
        }
    }
}

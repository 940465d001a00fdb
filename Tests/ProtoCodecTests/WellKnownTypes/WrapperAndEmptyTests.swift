import Foundation
import Testing
import ProtoCodec

@Suite("google.protobuf wrappers and Empty")
struct WrapperAndEmptyTests {
    @Test(
        "each wrapper encodes like protoc and decodes protoc's bytes",
        arguments: [
            ("DoubleValue", "value: -0.5", Google_Protobuf_DoubleValue(-0.5).serializedBytes()),
            ("FloatValue", "value: 1.5", Google_Protobuf_FloatValue(1.5).serializedBytes()),
            ("Int64Value", "value: -9223372036854775808", Google_Protobuf_Int64Value(.min).serializedBytes()),
            ("UInt64Value", "value: 18446744073709551615", Google_Protobuf_UInt64Value(.max).serializedBytes()),
            ("Int32Value", "value: -1", Google_Protobuf_Int32Value(-1).serializedBytes()),
            ("UInt32Value", "value: 4294967295", Google_Protobuf_UInt32Value(.max).serializedBytes()),
            ("BoolValue", "value: true", Google_Protobuf_BoolValue(true).serializedBytes()),
            ("StringValue", "value: \"grüß\"", Google_Protobuf_StringValue("grüß").serializedBytes()),
            ("BytesValue", "value: \"\\000\\377\"", Google_Protobuf_BytesValue(Data([0, 255])).serializedBytes()),
        ])
    func wrapperAgreesWithProtoc(name: String, text: String, ours: [UInt8]) async throws {
        let expected = try await Protoc.encode("google.protobuf.\(name)", text, file: "google/protobuf/wrappers.proto")
        #expect(ours == expected)
    }

    @Test("wrappers decode to the value and keep unknown fields")
    func wrapperDecoding() throws {
        let int64 = try Google_Protobuf_Int64Value(serializedBytes: [0x08, 0x96, 0x01, 0x10, 0x01])
        #expect(int64.value == 150)
        #expect(int64.serializedBytes() == [0x08, 0x96, 0x01, 0x10, 0x01])
        #expect(try Google_Protobuf_StringValue(serializedBytes: [0x0A, 0x02, 0x68, 0x69]).value == "hi")
        #expect(Google_Protobuf_Int32Value(0).serializedBytes().isEmpty)
        #expect(Google_Protobuf_StringValue.protoMessageName == "google.protobuf.StringValue")
    }

    @Test("Empty encodes to nothing and keeps whatever it is sent as unknown fields")
    func empty() throws {
        #expect(Google_Protobuf_Empty().serializedBytes().isEmpty)
        let bytes: [UInt8] = [0x08, 0x01, 0x12, 0x01, 0x61]
        let empty = try Google_Protobuf_Empty(serializedBytes: bytes)
        #expect(empty.unknownFields.bytes == bytes)
        #expect(empty.serializedBytes() == bytes)
    }
}

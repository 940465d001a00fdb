// Short names for the messages ProtoSwiftPlugin generates from Protos/codectest/ (listed in
// proto-swift.json). Also compiled into DynamicProtoTests and Fuzz/CodecDecoder.

typealias TestAllTypes = Codectest_TestAllTypes
typealias UnknownFieldSource = Codectest_UnknownFieldSource
typealias Payload = Codectest_Payload
typealias Legacy = Codectest_Legacy

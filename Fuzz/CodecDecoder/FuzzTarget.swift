// libFuzzer entry point: arbitrary bytes decoded as codectest.TestAllTypes must either be
// rejected with a ProtoDecodingError or survive encode -> decode unchanged.
// Built by Fuzz/run.sh together with Sources/ProtoCodec and the test message types.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let failure = RoundTripCheck.failure(for: UnsafeRawBufferPointer(start: data, count: size)) {
        fatalError(failure)
    }
    return 0
}

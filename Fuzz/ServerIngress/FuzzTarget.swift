// libFuzzer entry point: arbitrary bytes (after a valid client preface and SETTINGS, or
// without one, as the first byte picks) fed to a real server connection must end in whole
// frames and a close, with every handler finished and the connection freed: no crash, hang
// or leak. Built by Fuzz/run.sh with the transport's modules and the shared check.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let failure = ServerIngressCheck.failure(for: Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError(failure)
    }
    return 0
}

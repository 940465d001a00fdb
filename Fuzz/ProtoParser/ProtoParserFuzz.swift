import ProtoDescriptors
import ProtoParser

/// libFuzzer entry point: arbitrary bytes as `fuzz.proto`, which may import `dep.proto` (a
/// fixed, valid file). Compilation must end in descriptors or diagnostics: never a crash,
/// a hang or runaway memory. Descriptors that come out must also encode and decode again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Array(UnsafeBufferPointer(start: data, count: size))
    let dependency = Array(
        "syntax = \"proto2\"; package dep; message D { optional int32 a = 1; extensions 100 to max; } enum E { E0 = 0; }"
            .utf8)
    let compiler = ProtoCompiler(importPaths: [], sources: ["fuzz.proto": text, "dep.proto": dependency])
    do {
        for file in try compiler.compile(files: ["fuzz.proto"], includeSourceInfo: size % 2 == 0) {
            let bytes = file.serializedBytes()
            guard let decoded = try? FileDescriptorProto(serializedBytes: bytes), decoded == file else {
                fatalError("a compiled descriptor does not survive encoding and decoding")
            }
        }
    } catch {
        precondition(!error.diagnostics.isEmpty, "a compile error without diagnostics")
    }
    return 0
}

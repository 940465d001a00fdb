/// Compressed streams of zeros made by Python's zlib, for tests of decompression limits.
public enum ZeroStream {
    /// `mebibytes` MiB of zeros as one gzip stream, compressed by Python's zlib in 1 MiB
    /// steps so that neither side ever holds the whole (1 GiB compresses to about 1 MB).
    public static func gzip(mebibytes: Int) async throws -> [UInt8] {
        let script = """
            import sys, zlib
            compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
            block = bytes(1 << 20)
            for _ in range(\(mebibytes)):
                sys.stdout.buffer.write(compressor.compress(block))
            sys.stdout.buffer.write(compressor.flush())
            """
        return try await Protoc.runTool("/usr/bin/env", ["python3", "-c", script]).stdout
    }
}

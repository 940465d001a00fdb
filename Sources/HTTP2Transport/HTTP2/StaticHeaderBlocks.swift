import CNGHTTP2

/// `nghttp2_nv` arrays for the header blocks nearly every call sends, built once for the
/// process. Their names and values are string literals (stored in the binary), marked
/// NO_COPY so nghttp2 refers to them instead of copying them.
enum StaticHeaderBlocks {
    /// `:status 200`, `content-type application/grpc`.
    static let plainResponseHeaders = StaticNameValues([(":status", "200"), ("content-type", "application/grpc")])
    /// `plainResponseHeaders`, `grpc-encoding gzip`, `grpc-accept-encoding identity,gzip,deflate`.
    static let gzipResponseHeaders = compressedResponseHeaders(encoding: "gzip")
    /// `plainResponseHeaders`, `grpc-encoding deflate`, `grpc-accept-encoding identity,gzip,deflate`.
    static let deflateResponseHeaders = compressedResponseHeaders(encoding: "deflate")
    /// `grpc-status 0`.
    static let okTrailers = StaticNameValues([("grpc-status", "0")])

    private static func compressedResponseHeaders(encoding: StaticString) -> StaticNameValues {
        StaticNameValues([
            (":status", "200"), ("content-type", "application/grpc"),
            ("grpc-encoding", encoding), ("grpc-accept-encoding", "identity,gzip,deflate"),
        ])
    }
}

/// An `nghttp2_nv` array that lives for the process, over literal names and values.
struct StaticNameValues: @unchecked Sendable {
    // Safe because: the array is written once in init and never freed or written again;
    // nghttp2 only reads it (and, with NO_COPY, the literal bytes it points to).
    private let nameValues: UnsafeMutablePointer<nghttp2_nv>
    private let count: Int

    init(_ fields: [(name: StaticString, value: StaticString)]) {
        count = fields.count
        nameValues = .allocate(capacity: fields.count)
        let flags = UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue)
        for (index, field) in fields.enumerated() {
            (nameValues + index).initialize(
                to: nghttp2_nv(
                    name: UnsafeMutablePointer(mutating: field.name.utf8Start),
                    value: UnsafeMutablePointer(mutating: field.value.utf8Start),
                    namelen: field.name.utf8CodeUnitCount, valuelen: field.value.utf8CodeUnitCount, flags: flags))
        }
    }

    /// Calls `body` with the array and its count.
    func withNameValues<Result>(_ body: (UnsafePointer<nghttp2_nv>, Int) -> Result) -> Result {
        body(UnsafePointer(nameValues), count)
    }
}

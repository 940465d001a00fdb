import GRPCProtocol
import CNGHTTP2

/// Converting header lists to and from nghttp2's name–value arrays.
enum HeaderBlock {
    /// Calls `body` with an `nghttp2_nv` array for `headers`, valid only during the call
    /// (nghttp2's submit functions copy it).
    static func withNameValues<Result>(
        _ headers: [HeaderField],
        _ body: (UnsafePointer<nghttp2_nv>, Int) -> Result
    ) -> Result {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headers.reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count })
        var spans: [(name: Int, nameLength: Int, value: Int, valueLength: Int)] = []
        spans.reserveCapacity(headers.count)
        for header in headers {
            let name = bytes.count
            bytes.append(contentsOf: header.name.utf8)
            let value = bytes.count
            bytes.append(contentsOf: header.value.utf8)
            spans.append((name, value - name, value, bytes.count - value))
        }
        bytes.append(0)  // never empty, so the base address exists
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let nameValues = spans.map { span in
                nghttp2_nv(
                    name: base + span.name, value: base + span.value,
                    namelen: span.nameLength, valuelen: span.valueLength,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nameValues.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }

    /// A string from bytes nghttp2 hands to a header callback.
    static func string(_ pointer: UnsafePointer<UInt8>?, _ count: Int) -> String {
        guard let pointer, count > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
}

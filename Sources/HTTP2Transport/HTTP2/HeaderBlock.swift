import CNGHTTP2
import GRPCProtocol

/// Converting header lists to and from nghttp2's name–value arrays.
enum HeaderBlock {
    /// Calls `body` with an `nghttp2_nv` array for `block`: the fixed blocks come from
    /// ``StaticHeaderBlocks`` (nothing built or copied), others from their fields.
    static func withNameValues<Result>(
        _ block: ServerHeaderBlock,
        _ body: (UnsafePointer<nghttp2_nv>, Int) -> Result
    ) -> Result {
        switch block {
        case .plainResponseHeaders: StaticHeaderBlocks.plainResponseHeaders.withNameValues(body)
        case .compressedResponseHeaders(.gzip): StaticHeaderBlocks.gzipResponseHeaders.withNameValues(body)
        case .compressedResponseHeaders(.deflate): StaticHeaderBlocks.deflateResponseHeaders.withNameValues(body)
        case .okTrailers: StaticHeaderBlocks.okTrailers.withNameValues(body)
        case .compressedResponseHeaders(.identity): withNameValues(block.fields, body)
        case .fields(let fields): withNameValues(fields, body)
        }
    }

    /// Calls `body` with an `nghttp2_nv` array for `headers`, valid only during the call
    /// (nghttp2's submit functions copy it). Names and values are laid out in one temporary
    /// buffer, on the stack when small, so building a header block allocates nothing.
    static func withNameValues<Result>(
        _ headers: [HeaderField],
        _ body: (UnsafePointer<nghttp2_nv>, Int) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount(of: headers)) { bytes in
            withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: max(1, headers.count)) { nameValues in
                layOut(headers, in: bytes, nameValues: nameValues)
                return body(UnsafePointer(nameValues.baseAddress!), headers.count)
            }
        }
    }

    /// The bytes ``layOut(_:in:nameValues:)`` needs for the names and values of `headers`.
    static func byteCount(of headers: [HeaderField]) -> Int {
        headers.reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    }

    /// Copies the names and values of `headers` into `bytes` (``byteCount(of:)`` long) and
    /// initializes one `nghttp2_nv` per header in `nameValues`, pointing into `bytes`.
    static func layOut(
        _ headers: [HeaderField], in bytes: UnsafeMutableBufferPointer<UInt8>,
        nameValues: UnsafeMutableBufferPointer<nghttp2_nv>
    ) {
        var offset = 0
        for (index, header) in headers.enumerated() {
            let name = copy(header.name, into: bytes, at: &offset)
            let value = copy(header.value, into: bytes, at: &offset)
            nameValues.initializeElement(
                at: index,
                to: nghttp2_nv(
                    name: name.baseAddress, value: value.baseAddress,
                    namelen: name.count, valuelen: value.count,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)))
        }
    }

    /// Copies the UTF-8 of `text` into `buffer` at `offset`, returning the copied span.
    private static func copy(
        _ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) -> UnsafeMutableBufferPointer<UInt8> {
        var text = text
        let start = offset
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress { (buffer.baseAddress! + start).update(from: base, count: bytes.count) }
            offset += bytes.count
        }
        return UnsafeMutableBufferPointer(rebasing: buffer[start..<offset])
    }
}

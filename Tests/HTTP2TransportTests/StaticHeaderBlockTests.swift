import CNGHTTP2
import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Testing

@Suite("Fixed header blocks handed to nghttp2")
struct StaticHeaderBlockTests {
    /// The name–value pairs nghttp2 receives for `block`.
    func nameValues(_ block: ServerHeaderBlock) -> [HeaderField] {
        HeaderBlock.withNameValues(block) { nameValues, count in
            (0..<count).map { index in
                let field = nameValues[index]
                return HeaderField(
                    name: UnsafeRawBufferPointer(start: field.name, count: field.namelen),
                    value: UnsafeRawBufferPointer(start: field.value, count: field.valuelen))
            }
        }
    }

    @Test("every fixed block hands nghttp2 exactly the block's fields, by reference (NO_COPY)")
    func fixedBlocksMatchTheirFields() {
        let blocks: [ServerHeaderBlock] = [
            .plainResponseHeaders, .okTrailers, .compressedResponseHeaders(.gzip), .compressedResponseHeaders(.deflate),
        ]
        for block in blocks {
            #expect(nameValues(block) == block.fields, "\(block)")
            let flags = HeaderBlock.withNameValues(block) { nameValues, count in
                (0..<count).map { nameValues[$0].flags }
            }
            let noCopy = UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue)
            #expect(flags.allSatisfy { $0 == noCopy }, "\(block)")
        }
    }

    @Test("other blocks are handed over field by field, copied")
    func otherBlocksCopied() {
        let fields = [HeaderField(":status", "200"), HeaderField("x-long-value", String(repeating: "v", count: 300))]
        #expect(nameValues(.fields(fields)) == fields)
        #expect(
            nameValues(.compressedResponseHeaders(.identity))
                == ServerHeaderBlock.compressedResponseHeaders(.identity).fields)
    }
}

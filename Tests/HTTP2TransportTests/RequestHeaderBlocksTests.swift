import CNGHTTP2
import GRPCProtocol
@testable import HTTP2Transport
import Testing

@Suite("Request header blocks a client connection keeps per method path")
struct RequestHeaderBlocksTests {
    /// The name–value pairs nghttp2 receives from `block`.
    func fields(_ block: OwnedNameValues) -> [HeaderField] {
        block.withNameValues { nameValues, count in
            (0..<count).map { index in
                HeaderField(
                    name: UnsafeRawBufferPointer(start: nameValues[index].name, count: nameValues[index].namelen),
                    value: UnsafeRawBufferPointer(start: nameValues[index].value, count: nameValues[index].valuelen))
            }
        }
    }

    @Test("a kept block hands nghttp2 exactly the fields it was made from, copied, empty values included")
    func blockHoldsItsFields() {
        let made = [
            HeaderField(":method", "POST"), HeaderField(":path", "/a.B/C"), HeaderField("x-empty", ""),
            HeaderField("x-long", String(repeating: "v", count: 500)),
        ]
        let block = OwnedNameValues(made)
        #expect(fields(block) == made)
        let flags = block.withNameValues { nameValues, count in (0..<count).map { nameValues[$0].flags } }
        #expect(flags.allSatisfy { $0 == UInt8(NGHTTP2_NV_FLAG_NONE.rawValue) })
        #expect(fields(OwnedNameValues([])) == [])
    }

    @Test("one block per path: made once, reused for the same path, the oldest dropped past the capacity")
    func onePerPath() {
        var blocks = RequestHeaderBlocks()
        var made = 0
        func block(_ path: String) -> OwnedNameValues {
            blocks.block(forPath: path) {
                made += 1
                return [HeaderField(":path", path)]
            }
        }
        let first = block("/a.B/C")
        #expect(block("/a.B/C") === first)
        #expect(fields(block("/a.B/D")) == [HeaderField(":path", "/a.B/D")])
        #expect(made == 2)
        for index in 0..<RequestHeaderBlocks.capacity { _ = block("/many/\(index)") }
        #expect(block("/a.B/C") !== first, "the oldest path was not dropped")
        #expect(made == 3 + RequestHeaderBlocks.capacity)
    }
}

import CNGHTTP2
import GRPCProtocol

/// The request header blocks a client connection has built, one per method path, for the
/// calls that send only the channel's usual fields (no timeout, no compression, no metadata):
/// such a call hands nghttp2 a ready name–value array instead of laying one out. Holds the
/// most recent paths, at most ``capacity``. Loop thread only.
struct RequestHeaderBlocks {
    /// The most paths kept; a client calling more methods than this in turn rebuilds some.
    static let capacity = 16

    private var entries: [(path: String, block: OwnedNameValues)] = []

    /// The block for `path`, made from `fields()` when it is not kept already.
    mutating func block(forPath path: String, orMake fields: () -> [HeaderField]) -> OwnedNameValues {
        if let entry = entries.first(where: { $0.path == path }) { return entry.block }
        let block = OwnedNameValues(fields())
        if entries.count == Self.capacity { entries.removeFirst() }
        entries.append((path, block))
        return block
    }
}

/// An `nghttp2_nv` array with the bytes it points to, in one allocation it owns (nghttp2
/// copies what it is given, so the array only has to outlive each submit call).
final class OwnedNameValues {
    private let storage: UnsafeMutableRawPointer
    private let count: Int

    /// Lays out `headers`.
    init(_ headers: [HeaderField]) {
        count = headers.count
        let arrayBytes = MemoryLayout<nghttp2_nv>.stride * max(1, headers.count)
        let textBytes = HeaderBlock.byteCount(of: headers)
        storage = .allocate(byteCount: arrayBytes + textBytes, alignment: MemoryLayout<nghttp2_nv>.alignment)
        let nameValues = storage.bindMemory(to: nghttp2_nv.self, capacity: max(1, headers.count))
        let text = (storage + arrayBytes).bindMemory(to: UInt8.self, capacity: textBytes)
        HeaderBlock.layOut(
            headers, in: UnsafeMutableBufferPointer(start: text, count: textBytes),
            nameValues: UnsafeMutableBufferPointer(start: nameValues, count: max(1, headers.count)))
    }

    deinit { storage.deallocate() }

    /// Calls `body` with the array and its count.
    func withNameValues<Result>(_ body: (UnsafePointer<nghttp2_nv>, Int) -> Result) -> Result {
        body(UnsafePointer(storage.assumingMemoryBound(to: nghttp2_nv.self)), count)
    }
}

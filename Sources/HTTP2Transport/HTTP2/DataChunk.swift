import GRPCProtocol
import RPCCore

/// The unread rest of one DATA payload (client streams, whose response state machine deframes).
struct DataChunk {
    private var bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// Passes the unread bytes to `body` and records how many it consumed.
    mutating func consume<T>(_ body: (inout UnsafeRawBufferPointer) -> T) -> T {
        let start = offset
        return bytes.withUnsafeBytes { buffer in
            var rest = UnsafeRawBufferPointer(rebasing: buffer[min(start, buffer.count)...])
            defer { offset = buffer.count - rest.count }
            return body(&rest)
        }
    }

    /// Whether every byte has been read.
    var isEmpty: Bool { offset >= bytes.count }
}

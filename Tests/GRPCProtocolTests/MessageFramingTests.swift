import Testing
import RPCCore
import GRPCProtocol

@Suite("length-prefixed message framing")
struct MessageFramingTests {
    static let messages: [[UInt8]] = [[], [1], Array(repeating: 7, count: 300), [9, 8, 7, 6, 5]]

    var stream: [UInt8] { Self.messages.flatMap { MessageFramer.frame($0) } }

    @Test("a frame is a zero flag, a big-endian 4-byte length and the message")
    func frameLayout() {
        #expect(MessageFramer.frame([0xAA, 0xBB]) == [0, 0, 0, 0, 2, 0xAA, 0xBB])
        #expect(MessageFramer.frame(Array(repeating: 0, count: 0x0102_03)).prefix(5) == [0, 0, 0x01, 0x02, 0x03])
    }

    @Test("messages packed into one DATA chunk all come out, in order")
    func packedIntoOneChunk() throws {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        #expect(try deframer.messages(in: stream) == Self.messages)
        #expect(!deframer.hasPartialMessage)
    }

    @Test("messages split across DATA chunks at every possible cut come out whole")
    func splitAtEveryCut() throws {
        let bytes = stream
        for cut in 0...bytes.count {
            var deframer = MessageDeframer(maxMessageSize: 1024)
            let first = try deframer.messages(in: Array(bytes[..<cut]))
            let second = try deframer.messages(in: Array(bytes[cut...]))
            #expect(first + second == Self.messages, "cut at \(cut)")
        }
    }

    @Test("messages fed one byte per DATA chunk come out whole")
    func oneBytePerChunk() throws {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        var received: [[UInt8]] = []
        for byte in stream { received += try deframer.messages(in: [byte]) }
        #expect(received == Self.messages)
        #expect(throws: Never.self) { try deframer.checkEndOfStream() }
    }

    @Test("the compressed flag without a negotiated encoding is INTERNAL")
    func compressedFlagRejected() {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        #expect(statusCode { _ = try deframer.messages(in: [1, 0, 0, 0, 1, 42]) } == .internal)
    }

    @Test("a malformed prefix (flag neither 0 nor 1) is INTERNAL")
    func malformedPrefixRejected() {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        #expect(statusCode { _ = try deframer.messages(in: [2, 0, 0, 0, 0]) } == .internal)
    }

    @Test("a message over the receive limit is RESOURCE_EXHAUSTED as soon as its prefix arrives, without buffering it")
    func oversizedRefusedFromPrefix() {
        var deframer = MessageDeframer(maxMessageSize: 4)
        // Only the prefix of a 4 GiB message: refused immediately.
        #expect(statusCode { _ = try deframer.messages(in: [0, 0xFF, 0xFF, 0xFF, 0xFF]) } == .resourceExhausted)
        var exact = MessageDeframer(maxMessageSize: 4)
        #expect((try? exact.messages(in: MessageFramer.frame([1, 2, 3, 4]))) == [[1, 2, 3, 4]])
    }

    @Test("a stream ending inside a prefix or a message is INTERNAL")
    func truncatedStream() throws {
        var inPrefix = MessageDeframer(maxMessageSize: 1024)
        _ = try inPrefix.messages(in: [0, 0])
        #expect(throws: RPCError.self) { try inPrefix.checkEndOfStream() }
        var inBody = MessageDeframer(maxMessageSize: 1024)
        _ = try inBody.messages(in: [0, 0, 0, 0, 3, 1])
        #expect(throws: RPCError.self) { try inBody.checkEndOfStream() }
    }

    @Test("the pull API consumes a chunk only up to the end of each message")
    func pullStopsAtMessageBoundary() throws {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        let bytes = MessageFramer.frame([1]) + MessageFramer.frame([2, 3])
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws -> Void in
            var rest = buffer
            let first = try deframer.nextMessage(from: &rest)
            #expect(first == [1])
            #expect(rest.count == 7)
            let second = try deframer.nextMessage(from: &rest)
            #expect(second == [2, 3])
            #expect(rest.isEmpty)
            let none = try deframer.nextMessage(from: &rest)
            #expect(none == nil)
        }
    }
}

/// The status code a throwing expression fails with, or `nil` when it does not fail.
func statusCode(_ body: () throws -> Void) -> StatusCode? {
    do {
        try body()
        return nil
    } catch {
        return (error as? RPCError)?.code
    }
}

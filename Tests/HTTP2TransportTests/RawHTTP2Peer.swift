import CNGHTTP2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/2 frame as it travels: type, flags, stream and payload.
struct RawFrame {
    let type: UInt8
    let flags: UInt8
    let streamID: UInt32
    let payload: [UInt8]

    static let data: UInt8 = 0, headers: UInt8 = 1, rstStream: UInt8 = 3, settings: UInt8 = 4, ping: UInt8 = 6,
        goAway: UInt8 = 7, continuation: UInt8 = 9
    static let endStream: UInt8 = 0x1, ack: UInt8 = 0x1, endHeaders: UInt8 = 0x4

    /// The frame's bytes: the 9-byte header, then the payload.
    var bytes: [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags]
            + bigEndian(streamID) + payload
    }

    /// The error code of a GOAWAY or RST_STREAM frame.
    var errorCode: UInt32? {
        switch type {
        case Self.goAway where payload.count >= 8: word(at: 4)
        case Self.rstStream where payload.count >= 4: word(at: 0)
        default: nil
        }
    }

    /// A GOAWAY's debug data, as text.
    var debugData: String { type == Self.goAway ? String(decoding: payload.dropFirst(8), as: UTF8.self) : "" }

    private func word(at offset: Int) -> UInt32 {
        payload[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func settings(_ entries: [(id: UInt16, value: UInt32)] = [], ack: Bool = false) -> RawFrame {
        let payload = entries.flatMap { [UInt8($0.id >> 8), UInt8($0.id & 0xFF)] + bigEndian($0.value) }
        return RawFrame(type: settings, flags: ack ? Self.ack : 0, streamID: 0, payload: payload)
    }

    static func ping(_ value: UInt64 = 0) -> RawFrame {
        RawFrame(
            type: ping, flags: 0, streamID: 0,
            payload: bigEndian(UInt32(value >> 32)) + bigEndian(UInt32(value & 0xFFFF_FFFF)))
    }

    static func rstStream(_ streamID: UInt32, code: UInt32 = 8) -> RawFrame {
        RawFrame(type: rstStream, flags: 0, streamID: streamID, payload: bigEndian(code))
    }

    /// HEADERS with `block` (END_HEADERS unless CONTINUATIONs follow).
    static func headers(_ streamID: UInt32, _ block: [UInt8], endStream: Bool = false, endHeaders: Bool = true)
        -> RawFrame
    {
        RawFrame(
            type: headers, flags: (endStream ? Self.endStream : 0) | (endHeaders ? Self.endHeaders : 0),
            streamID: streamID, payload: block)
    }

    static func continuation(_ streamID: UInt32, _ block: [UInt8], endHeaders: Bool) -> RawFrame {
        RawFrame(type: continuation, flags: endHeaders ? Self.endHeaders : 0, streamID: streamID, payload: block)
    }
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}

/// HPACK as a raw peer writes it: literal fields without indexing and without Huffman coding
/// (RFC 7541 §6.2.2), and nghttp2's inflater to read the server's blocks.
enum RawHPACK {
    /// The header block of a gRPC request for `/echo.Echo/Get`, then `extra` fields.
    static func request(extra: [(String, String)] = []) -> [UInt8] {
        encode(
            [
                (":method", "POST"), (":scheme", "http"), (":path", "/echo.Echo/Get"), (":authority", "x"),
                ("content-type", "application/grpc"), ("te", "trailers"),
            ] + extra)
    }

    static func encode(_ fields: [(String, String)]) -> [UInt8] {
        fields.flatMap { [0x00] + string($0.0) + string($0.1) }
    }

    /// A string literal: its length as a 7-bit-prefix integer, then its bytes.
    static func string(_ text: String) -> [UInt8] {
        integer(text.utf8.count, prefixBits: 7, firstByte: 0) + Array(text.utf8)
    }

    /// An HPACK integer with an N-bit prefix (RFC 7541 §5.1), `firstByte` holding the flags.
    static func integer(_ value: Int, prefixBits: Int, firstByte: UInt8) -> [UInt8] {
        let limit = (1 << prefixBits) - 1
        guard value >= limit else { return [firstByte | UInt8(value)] }
        var bytes = [firstByte | UInt8(limit)]
        var rest = value - limit
        while rest >= 128 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    /// Decodes the header blocks of `frames` (HEADERS plus CONTINUATIONs, in order) with one
    /// inflater, as the connection's HPACK context requires: one field list per block.
    static func decodeBlocks(_ frames: [RawFrame]) -> [(streamID: UInt32, fields: [String: String])] {
        var inflater: OpaquePointer?
        nghttp2_hd_inflate_new(&inflater)
        defer { nghttp2_hd_inflate_del(inflater) }
        var blocks: [(UInt32, [String: String])] = []
        for frame in frames where frame.type == RawFrame.headers || frame.type == RawFrame.continuation {
            if frame.type == RawFrame.headers { blocks.append((frame.streamID, [:])) }
            var input = frame.payload
            // HEADERS may carry padding or priority; nghttp2 never sends them to us.
            let final = frame.flags & RawFrame.endHeaders != 0
            input.withUnsafeMutableBufferPointer { buffer in
                var offset = 0
                while true {
                    var field = nghttp2_nv()
                    var flags: Int32 = 0
                    let used = nghttp2_hd_inflate_hd2(
                        inflater, &field, &flags, buffer.baseAddress! + offset, buffer.count - offset, final ? 1 : 0)
                    if used < 0 { return }
                    offset += used
                    if flags & Int32(NGHTTP2_HD_INFLATE_EMIT.rawValue) != 0 {
                        let name = String(
                            decoding: UnsafeBufferPointer(start: field.name, count: field.namelen), as: UTF8.self)
                        let value = String(
                            decoding: UnsafeBufferPointer(start: field.value, count: field.valuelen), as: UTF8.self)
                        blocks[blocks.count - 1].1[name] = value
                    }
                    if flags & Int32(NGHTTP2_HD_INFLATE_FINAL.rawValue) != 0 {
                        nghttp2_hd_inflate_end_headers(inflater)
                        return
                    }
                    if used == 0, flags & Int32(NGHTTP2_HD_INFLATE_EMIT.rawValue) == 0 { return }
                }
            }
        }
        return blocks.map { (streamID: $0.0, fields: $0.1) }
    }
}

/// A client that speaks HTTP/2 frame by frame over a blocking TCP socket, to break the rules
/// on purpose. Use it on a thread of its own (``onOwnThread(_:)``), never on the pool.
final class RawHTTP2Peer {
    private let fd: Int32
    private var unread: [UInt8] = []
    /// Whether the server has closed the connection (read end of file or a reset).
    private(set) var closedByServer = false

    /// The client connection preface.
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    /// Connects to 127.0.0.1:`port`; reads wait at most `readTimeout` for each chunk.
    init(port: Int, readTimeout: Int = 5, receiveBufferSize: Int32? = nil) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBufferSize {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    deinit { Glibc.close(fd) }

    /// Sends the preface and an empty SETTINGS frame.
    @discardableResult
    func handshake() -> Bool {
        send(Self.preface + RawFrame.settings().bytes)
    }

    /// Writes all of `bytes`; false once the server has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 {
                if errno == EPIPE || errno == ECONNRESET { closedByServer = true }
                return false
            }
            offset += written
        }
        return true
    }

    @discardableResult
    func send(_ frames: [RawFrame]) -> Bool {
        send(frames.flatMap(\.bytes))
    }

    /// Reads frames until `stop` accepts one (returned last), the server closes the connection,
    /// or a read times out.
    func readFrames(until stop: (RawFrame) -> Bool = { _ in false }) -> [RawFrame] {
        var frames: [RawFrame] = []
        while true {
            while let frame = takeFrame() {
                frames.append(frame)
                if stop(frame) { return frames }
            }
            var buffer = [UInt8](repeating: 0, count: 16 << 10)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 {
                if count == 0 || errno == ECONNRESET { closedByServer = true }
                return frames
            }
            unread += buffer[0..<count]
        }
    }

    private func takeFrame() -> RawFrame? {
        guard unread.count >= 9 else { return nil }
        let length = Int(unread[0]) << 16 | Int(unread[1]) << 8 | Int(unread[2])
        guard unread.count >= 9 + length else { return nil }
        let streamID = unread[5..<9].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7FFF_FFFF
        let frame = RawFrame(
            type: unread[3], flags: unread[4], streamID: streamID, payload: Array(unread[9..<9 + length]))
        unread.removeFirst(9 + length)
        return frame
    }
}

/// Runs blocking socket code on a thread of its own, never on the cooperative pool.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

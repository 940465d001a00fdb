#if canImport(Glibc)
import Glibc
#endif
import GRPCProtocol
@testable import HTTP2Transport
import RPCCore
import Synchronization

/// Feeds bytes to a real server connection (an ``HTTP2Connection`` with the server transport's
/// request path and an echo handler) over a socket pair, and checks that it ends cleanly:
/// every byte it sends is a whole frame, SETTINGS first; it closes once the peer is done;
/// its handler tasks finish and the connection is freed. Shared by the ServerIngress fuzzer
/// and the corpus replay test.
///
/// The first input byte picks the opening: odd bytes send a valid client preface and SETTINGS
/// before the rest, even bytes send the rest as it is.
enum ServerIngressCheck {
    private static let loop = EventLoopGroup(loopCount: 1).next()

    /// Nil when the connection ended cleanly, else what went wrong.
    static func failure(for input: [UInt8]) -> String? {
        guard let mode = input.first else { return nil }
        var prefix: [UInt8] = []
        if mode & 1 == 1 { prefix = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + [0, 0, 0, 4, 0, 0, 0, 0, 0] }
        // A PING at the end marks where the input was read: its ACK (when the input left the
        // framing intact) says the server has caught up.
        let marker: [UInt8] = [0, 0, 8, 6, 0, 0, 0, 0, 0] + Array("fuzzdone".utf8)
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            return "socketpair: errno \(errno)"
        }
        let (serverFD, peerFD) = (pair[0], pair[1])
        defer { close(peerFD) }
        _ = fcntl(serverFD, F_SETFL, fcntl(serverFD, F_GETFL) | O_NONBLOCK)

        let closed = Atomic<Bool>(false)
        let weakConnection = WeakBox()
        loop.execute {
            var settings = HTTP2Settings()
            settings.limits.handshakeTimeout = .seconds(2)
            let connection = HTTP2Connection(
                loop: loop, fd: serverFD, role: .server, settings: settings, remoteAddress: "fuzz", localAddress: "fuzz"
            )
            weakConnection.object = connection
            let handlers = HandlerTracker()
            connection.onRequest = { stream in
                HTTP2ServerTransport.accept(
                    stream, maxReceiveMessageSize: 1 << 16, compression: CompressionConfiguration(),
                    handlers: handlers, handler: echo)
            }
            connection.onClose = { _ in closed.store(true, ordering: .releasing) }
            try? connection.start()
        }
        let bytes = prefix + input.dropFirst() + marker
        guard writeAll(peerFD, bytes) else { return "the server closed before reading \(bytes.count) bytes" }
        var output: [UInt8] = []
        // Until the marker's ACK, or 20 ms without output; then the peer is done.
        while !containsMarkerAck(output), read(peerFD, into: &output, waitingAtMost: 20) {}
        shutdown(peerFD, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(5)
        while read(peerFD, into: &output, waitingAtMost: 100) || !closed.load(ordering: .acquiring) {
            if ContinuousClock.now > deadline {
                return "the connection did not close within 5 s of the peer's end of input"
            }
        }
        if let problem = frameProblem(output) { return problem }
        while weakConnection.isAlive {
            if ContinuousClock.now > deadline {
                return "the connection (or a handler holding it) outlived its close by 5 s"
            }
            usleep(1000)
        }
        return nil
    }

    /// Echoes request messages; any failure ends the call with its status.
    @Sendable private static func echo(
        _ stream: RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, _ context: ServerContext
    ) async {
        do {
            try await stream.outbound.write(.metadata([:]))
            for try await part in stream.inbound {
                if case .message(let bytes) = part { try await stream.outbound.write(.message(bytes)) }
            }
            try await stream.outbound.write(.status(.ok, [:]))
        } catch {
            try? await stream.outbound.write(.status(error.status, [:]))
        }
    }

    /// What is wrong with the server's output, if anything: it must be whole frames,
    /// SETTINGS first.
    static func frameProblem(_ output: [UInt8]) -> String? {
        var offset = 0
        var index = 0
        while offset < output.count {
            guard output.count - offset >= 9 else { return "a partial frame header at byte \(offset)" }
            let length = Int(output[offset]) << 16 | Int(output[offset + 1]) << 8 | Int(output[offset + 2])
            guard output.count - offset - 9 >= length else { return "frame \(index) at byte \(offset) cut short" }
            if index == 0, output[offset + 3] != 4 {
                return "the first frame is of type \(output[offset + 3]), not SETTINGS"
            }
            offset += 9 + length
            index += 1
        }
        return nil
    }

    private static func containsMarkerAck(_ output: [UInt8]) -> Bool {
        let ack: [UInt8] = [0, 0, 8, 6, 1, 0, 0, 0, 0] + Array("fuzzdone".utf8)
        guard output.count >= ack.count else { return false }
        return output.suffix(ack.count).elementsEqual(ack)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Appends what arrives within `milliseconds`; false at end of file or when nothing came.
    private static func read(_ fd: Int32, into output: inout [UInt8], waitingAtMost milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) == 1 else { return false }
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        output += buffer[0..<count]
        return true
    }
}

/// A weak reference readable from any thread.
private final class WeakBox: @unchecked Sendable {
    // Safe because: `object` is written once on the loop and read later under the Mutex.
    private let reference = Mutex<Reference>(Reference())
    private struct Reference { weak var object: HTTP2Connection? }

    var object: HTTP2Connection? {
        get { reference.withLock { $0.object } }
        set { reference.withLock { $0.object = newValue } }
    }

    var isAlive: Bool { object != nil }
}

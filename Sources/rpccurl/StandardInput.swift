import Foundation

/// Reads standard input on its own thread (a blocking `read` must not hold a thread of the
/// cooperative pool), handing complete JSON values to the caller as they arrive.
enum StandardInput {
    /// The messages on standard input, each as soon as its last byte was read.
    static func values(_ splitter: some MessageSplitter) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let thread = Thread {
            var splitter = splitter
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                for value in splitter.feed(buffer[0..<count]) { continuation.yield(value) }
            }
            if let rest = splitter.remainder { continuation.yield(rest) }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}

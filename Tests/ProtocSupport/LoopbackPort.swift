import Foundation

/// A loopback port that could not be bound, with the errno.
public struct LoopbackPortFailure: Error, CustomStringConvertible {
    /// The errno of the failed call.
    public let errno: Int32

    /// The errno's meaning.
    public var description: String { "cannot bind a loopback port: \(String(cString: strerror(errno)))" }
}

/// A TCP socket bound to a free loopback port (and listening when `listening`): its descriptor
/// and port.
public func bindLoopbackPort(listening: Bool = false) throws -> (descriptor: Int32, port: Int) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
            bind(descriptor, address, length) == 0 && (!listening || listen(descriptor, 1) == 0)
                && getsockname(descriptor, address, &length) == 0
        }
    }
    guard bound else {
        let code = errno
        close(descriptor)
        throw LoopbackPortFailure(errno: code)
    }
    return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
}

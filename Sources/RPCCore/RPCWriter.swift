/// Writes typed messages into an RPC stream: the request side of a streaming client call,
/// the response side of a streaming server handler.
///
/// ``write(_:)`` suspends while the peer is not reading (flow control), and throws
/// ``RPCError`` once the stream has ended.
public struct RPCWriter<Element: Sendable>: Sendable {
    private let writeElement: @Sendable (Element) async throws(RPCError) -> Void

    /// Creates a writer from the function writing one element.
    public init(write: @escaping @Sendable (Element) async throws(RPCError) -> Void) {
        writeElement = write
    }

    /// Writes one message.
    ///
    /// - Throws: ``RPCError`` when the stream has ended or the task was cancelled
    ///   (``StatusCode/cancelled``).
    public func write(_ element: Element) async throws(RPCError) {
        try await writeElement(element)
    }

    /// Writes messages in order.
    ///
    /// - Throws: ``RPCError`` as ``write(_:)`` does.
    public func write(contentsOf elements: some Sequence<Element>) async throws(RPCError) {
        for element in elements { try await write(element) }
    }
}

/// A sequence of values arriving over an RPC, failing with ``RPCError``.
///
/// It hides the transport's own sequence type so request and response types stay free of
/// transport generics; iteration costs one closure call per element. Iterate it once.
public struct RPCAsyncSequence<Element: Sendable>: AsyncSequence, Sendable {
    /// Iteration fails only with ``RPCError``.
    public typealias Failure = RPCError

    private let makeNext: @Sendable () -> nonisolated(nonsending) () async throws(RPCError) -> Element?

    /// Creates a sequence from a function making each iterator's `next` function, which runs
    /// on the iterating task's executor.
    public init(makeNext: @escaping @Sendable () -> nonisolated(nonsending) () async throws(RPCError) -> Element?) {
        self.makeNext = makeNext
    }

    /// A sequence of the given elements, then the end (or `failure`, when given).
    public init(elements: [Element], failure: RPCError? = nil) {
        self.init {
            var remaining = elements[...]
            return { () throws(RPCError) -> Element? in
                if let next = remaining.popFirst() { return next }
                if let failure { throw failure }
                return nil
            }
        }
    }

    /// The iterator.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextElement: nonisolated(nonsending) () async throws(RPCError) -> Element?

        /// The next element, or `nil` at the end.
        public nonisolated(nonsending) mutating func next() async throws(RPCError) -> Element? {
            try await nextElement()
        }

        /// The next element, or `nil` at the end.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError) -> Element? {
            try await nextElement()
        }
    }

    /// Makes the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(nextElement: makeNext())
    }
}

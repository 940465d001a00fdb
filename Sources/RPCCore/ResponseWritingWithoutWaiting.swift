/// A writer of response parts that can take a part without an `await` when its buffer has
/// room: the HTTP/2 server transport's, which saves a suspension point for each of a unary
/// response's headers and message and for every call's status.
///
/// Package-only: a transport outside the package implements ``RPCPartWriter/write(_:)``
/// alone, and every part then goes through it.
@usableFromInline
package protocol ResponseWritingWithoutWaiting: RPCPartWriter where Part == ResponsePart {
    /// Writes one part as ``RPCPartWriter/write(_:)`` does if that needs no waiting, and
    /// returns true; returns false, writing nothing, when the caller must `await`
    /// ``RPCPartWriter/write(_:)`` instead.
    ///
    /// - Throws: what ``RPCPartWriter/write(_:)`` throws, other than for cancellation.
    func writeWithoutWaiting(_ part: ResponsePart) throws(RPCError) -> Bool
}

extension RPCPartWriter where Part == ResponsePart {
    /// Writes `part` at once and returns true when this writer can (a
    /// ``ResponseWritingWithoutWaiting`` with room); false, writing nothing, when the caller
    /// must `await` ``write(_:)``.
    ///
    /// Asks the writer's type, not the writer, so that no existential copy of the writer is
    /// made; once the caller is specialised for the transport, the casts cost nothing.
    @inlinable
    package func writeIfNoWaitNeeded(_ part: ResponsePart) throws(RPCError) -> Bool {
        guard let writerType = Self.self as? any ResponseWritingWithoutWaiting.Type else { return false }
        return try writeWithoutWaiting(part, as: writerType)
    }

    /// ``ResponseWritingWithoutWaiting/writeWithoutWaiting(_:)`` on this writer, whose type is
    /// `Writer`.
    @inlinable
    func writeWithoutWaiting<Writer: ResponseWritingWithoutWaiting>(_ part: ResponsePart, as _: Writer.Type)
        throws(RPCError) -> Bool
    {
        try (self as! Writer).writeWithoutWaiting(part)
    }
}

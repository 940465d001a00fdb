/// A message kept behind a shared, immutable reference, so that a message type can hold
/// itself (directly or through other messages) in a singular field.
///
/// A Swift struct cannot contain itself inline, so generated code stores a recursive field
/// as `IndirectMessage<M>?` and exposes it through a computed `M?` property. Copies share the
/// reference; setting the field stores a new one, so value semantics are kept.
public struct IndirectMessage<M: Message>: Sendable, Hashable {
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let value: M
        @inlinable init(_ value: M) { self.value = value }
    }

    @usableFromInline let storage: Storage

    /// Boxes `value`.
    @inlinable
    public init(_ value: M) { storage = Storage(value) }

    /// The boxed message.
    @inlinable
    public var value: M { storage.value }

    /// Two boxes are equal when their messages are.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.value == rhs.value
    }

    /// Hashes the boxed message.
    @inlinable
    public func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
}

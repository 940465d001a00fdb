import Foundation

/// The field values of the benchmark's Payload (the same as codec-bench's fixture), from which
/// each stack builds its own message type.
public enum PayloadValues {
    /// `id`.
    public static let id: Int64 = 1_234_567_890_123
    /// `name`.
    public static let name = "order-7f3a9c2e-items"
    /// `body`: 48 bytes.
    public static let body = Data((0..<48).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
    /// `tags`, packed.
    public static let tags: [Int32] = [3, 17, 42, 256, 1024, 65535]
    /// `inner.score`; `inner.flag` is true.
    public static let innerScore = 0.875
    /// The body of the `large` mode's messages: 1 MiB.
    public static let largeBody = Data(repeating: 0x5a, count: 1 << 20)
}

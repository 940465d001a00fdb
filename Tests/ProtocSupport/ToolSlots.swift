import Foundation

/// Caps how many tool processes run at once. Once the tests stop blocking threads on them,
/// hundreds of parameterized cases could start protoc or python3 together and crowd the
/// timing-sensitive tests off the CPU; with one slot per core they queue here instead.
actor ToolSlots {
    /// The slots shared by every `ToolProcess.run`.
    static let shared = ToolSlots(count: ProcessInfo.processInfo.activeProcessorCount)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private init(count: Int) { free = max(1, count) }

    /// Runs `body` once a slot is free, and frees the slot after it.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if free > 0 {
            free -= 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        defer { release() }
        return try await body()
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

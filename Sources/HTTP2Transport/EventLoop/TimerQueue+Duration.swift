extension TimerQueue {
    /// Runs `body` on the loop after `delay` (a negative delay counts as zero).
    mutating func schedule(after delay: Duration, _ body: @escaping () -> Void) -> ID {
        let (seconds, attoseconds) = max(delay, .zero).components
        return schedule(after: UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000), body)
    }
}

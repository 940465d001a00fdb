/// The arithmetic shared by `Timestamp` and `Duration`: moving whole seconds between the
/// `seconds` and `nanos` fields without overflow.
@usableFromInline
enum NanosecondCarry {
    /// Nanoseconds in one second.
    @usableFromInline static let perSecond: Int32 = 1_000_000_000

    /// Carries whole seconds out of `nanos` so that it lies in 0..<1e9 when
    /// `nonNegativeNanos` (Timestamp), or within ±(1e9 - 1) with the sign of the total
    /// (Duration). Seconds saturate at the `Int64` limits instead of overflowing.
    @inlinable
    static func normalise(
        seconds: Int64, nanos: Int32, nonNegativeNanos: Bool
    ) -> (seconds: Int64, nanos: Int32) {
        var carry = Int64(nanos / perSecond)
        var rest = nanos % perSecond
        if nonNegativeNanos {
            if rest < 0 {
                rest += perSecond
                carry -= 1
            }
        } else {
            let total = seconds.addingReportingOverflow(carry).partialValue
            if total > 0 && rest < 0 {
                rest += perSecond
                carry -= 1
            } else if total < 0 && rest > 0 {
                rest -= perSecond
                carry += 1
            }
        }
        let (sum, overflow) = seconds.addingReportingOverflow(carry)
        if overflow { return (carry > 0 ? .max : .min, rest) }
        return (sum, rest)
    }
}

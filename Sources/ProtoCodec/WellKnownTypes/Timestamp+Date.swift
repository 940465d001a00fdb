#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Google_Protobuf_Timestamp {
    /// The timestamp of `date`, rounded to the nearest nanosecond that `Date`'s `Double`
    /// can tell apart, and saturated to the range the proto allows (years 1 to 9999); NaN becomes the minimum.
    public init(date: Date) {
        let interval = date.timeIntervalSince1970
        if interval.isNaN || interval < Double(Self.minSeconds) {
            self.init(seconds: Self.minSeconds, nanos: 0)
        } else if interval >= Double(Self.maxSeconds + 1) {
            self.init(seconds: Self.maxSeconds, nanos: NanosecondCarry.perSecond - 1)
        } else {
            let whole = interval.rounded(.down)
            self.init(seconds: Int64(whole), nanos: Int32(((interval - whole) * 1e9).rounded()))
        }
    }

    /// The same instant as a `Date` (which keeps about a microsecond of precision today).
    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }
}

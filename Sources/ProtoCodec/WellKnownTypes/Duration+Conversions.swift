#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Google_Protobuf_Duration {
    /// The duration of `duration`, truncated to whole nanoseconds and saturated to the
    /// range the proto allows (±315,576,000,000 seconds).
    public init(_ duration: Swift.Duration) {
        let limit = Swift.Duration.seconds(Self.maxSeconds)
        let clamped = Swift.min(Swift.max(duration, .zero - limit), limit)
        let (seconds, attoseconds) = clamped.components
        self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }

    /// The same span as a Swift `Duration`.
    public var duration: Swift.Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }

    /// The duration of `timeInterval` seconds, rounded to the nearest nanosecond and
    /// saturated to the range the proto allows; NaN becomes zero.
    public init(timeInterval: TimeInterval) {
        guard !timeInterval.isNaN else {
            self.init()
            return
        }
        let limit = Double(Self.maxSeconds)
        let clamped = Swift.min(Swift.max(timeInterval, -limit), limit)
        let whole = clamped.rounded(.towardZero)
        let nanos = ((clamped - whole) * 1e9).rounded()
        self.init(seconds: Int64(whole), nanos: Int32(nanos))
    }

    /// The span in seconds, as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        Double(seconds) + Double(nanos) / 1e9
    }
}

/// What one client run measured, printed as one JSON line.
public struct LoadResult: Sendable {
    /// Completed calls (or round trips) in the measured window.
    public var calls = 0
    /// Units moved in the window: messages for streaming modes, bytes for `large`.
    public var units = 0
    /// Length of the measured window in seconds.
    public var seconds = 0.0
    /// Latency of each call in the window, in microseconds.
    public var latencies: [Double] = []

    /// Creates an empty result.
    public init() {}

    /// Adds another worker's counts and latencies (same window).
    public mutating func merge(_ other: LoadResult) {
        calls += other.calls
        units += other.units
        latencies += other.latencies
    }

    /// The latency at `fraction` (0.5 for the median) of the sorted latencies, 0 when none.
    public func percentile(_ fraction: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let sorted = latencies.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))
        return sorted[index]
    }

    /// `{"calls":…,"units":…,"seconds":…,"rate":…,"unit_rate":…,"p50_us":…,"p99_us":…}`.
    public var json: String {
        let rate = seconds > 0 ? Double(calls) / seconds : 0
        let unitRate = seconds > 0 ? Double(units) / seconds : 0
        return "{\"calls\":\(calls),\"units\":\(units),\"seconds\":\(seconds),\"rate\":\(rate),"
            + "\"unit_rate\":\(unitRate),\"p50_us\":\(percentile(0.5)),\"p99_us\":\(percentile(0.99))}"
    }
}

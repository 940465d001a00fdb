/// Runs `concurrency` workers that each call `call` back to back for `warmup + seconds`
/// seconds; only calls that start after the warm-up count. `call` returns the units it moved.
public func runClosedLoop(
    concurrency: Int, warmup: Double, seconds: Double, _ call: @escaping @Sendable () async throws -> Int
) async throws -> LoadResult {
    let clock = ContinuousClock()
    let start = clock.now
    let measureFrom = start + .milliseconds(Int(warmup * 1000))
    let end = measureFrom + .milliseconds(Int(seconds * 1000))
    var total = try await withThrowingTaskGroup(of: LoadResult.self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                var result = LoadResult()
                while true {
                    let before = clock.now
                    if before >= end { break }
                    let units = try await call()
                    let after = clock.now
                    if before >= measureFrom && after <= end {
                        result.calls += 1
                        result.units += units
                        result.latencies.append(Double((after - before) / .microseconds(1)))
                    }
                }
                return result
            }
        }
        var total = LoadResult()
        for try await result in group { total.merge(result) }
        return total
    }
    total.seconds = seconds
    return total
}

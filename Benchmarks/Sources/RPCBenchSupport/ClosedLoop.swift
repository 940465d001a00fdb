/// Runs `concurrency` workers that each call `call` back to back for `warmup + seconds`
/// seconds; only calls that start after the warm-up count. `call` returns the units it moved.
/// With `calls`, the workers make exactly that many calls between them instead, whatever the
/// time (for instruction counts, which need the same work on every run).
public func runClosedLoop(
    concurrency: Int, warmup: Double, seconds: Double, calls: Int? = nil,
    _ call: @escaping @Sendable () async throws -> Int
) async throws -> LoadResult {
    if let calls { return try await runCalls(calls, concurrency: concurrency, call) }
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

/// `calls` calls of `call` shared among `concurrency` workers, each counted.
private func runCalls(
    _ calls: Int, concurrency: Int, _ call: @escaping @Sendable () async throws -> Int
) async throws -> LoadResult {
    let clock = ContinuousClock()
    let start = clock.now
    var total = try await withThrowingTaskGroup(of: LoadResult.self) { group in
        for worker in 0..<concurrency {
            let share = calls / concurrency + (worker < calls % concurrency ? 1 : 0)
            group.addTask {
                var result = LoadResult()
                for _ in 0..<share {
                    let before = clock.now
                    result.units += try await call()
                    result.calls += 1
                    result.latencies.append(Double((clock.now - before) / .microseconds(1)))
                }
                return result
            }
        }
        var total = LoadResult()
        for try await result in group { total.merge(result) }
        return total
    }
    total.seconds = Double((clock.now - start) / .milliseconds(1)) / 1000
    return total
}

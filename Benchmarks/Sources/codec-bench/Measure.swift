/// The two libraries a measure compares.
enum Library: String, CaseIterable {
    case ours = "ProtoCodec"
    case swiftProtobuf = "swift-protobuf"
}

/// One direction of one message, for both libraries: "encode Payload", "decode ScheduleEvent".
struct Measure {
    let label: String
    /// Encoded size of the message, the same for both libraries (checked before timing).
    let bytesPerMessage: Int
    let workloads: [Library: Workload]
}

/// Messages per second of one library on one measure, one entry per round.
struct Throughput {
    let rates: [Double]

    var median: Double {
        let sorted = rates.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// (max − min) / median, to show how noisy the rounds were.
    var spread: Double {
        guard let low = rates.min(), let high = rates.max(), median > 0 else { return 0 }
        return (high - low) / median
    }
}

/// How long and how often each library runs.
struct Schedule {
    var rounds = 5
    var secondsPerRound = 0.5
    /// Calibration grows a batch until it takes at least this long.
    var calibrationSeconds = 0.05
    /// Runs exactly this many iterations per round instead of calibrating (for instruction
    /// counts under a profiler, which need the same work on every run).
    var fixedIterations: Int?

    /// Runs `measure` for `libraries`, alternating which goes first each round so neither
    /// always runs on a warmer or colder machine.
    func run(_ measure: Measure, libraries: [Library]) throws -> [Library: Throughput] {
        var iterations: [Library: Int] = [:]
        for library in libraries {
            iterations[library] = try batchSize(for: measure.workloads[library]!)
        }
        var rates: [Library: [Double]] = [:]
        for round in 0..<rounds {
            let order = round.isMultiple(of: 2) ? libraries : libraries.reversed()
            for library in order {
                let count = iterations[library]!
                let elapsed = try measure.workloads[library]!.timed(iterations: count)
                rates[library, default: []].append(Double(count) / elapsed.seconds)
            }
        }
        return rates.mapValues(Throughput.init(rates:))
    }

    /// Iterations that take about `secondsPerRound`; the calibration doubles as warm-up.
    private func batchSize(for workload: Workload) throws -> Int {
        if let fixedIterations { return fixedIterations }
        var count = 16
        while true {
            let elapsed = try workload.timed(iterations: count).seconds
            if elapsed >= calibrationSeconds || count >= 1 << 40 {
                return max(1, Int(Double(count) * secondsPerRound / max(elapsed, 1e-9)))
            }
            count *= elapsed < calibrationSeconds / 10 ? 8 : 2
        }
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

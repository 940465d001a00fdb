/// Command-line options; the defaults are the documented benchmark, the rest serve profiling.
struct Options {
    var schedule = Schedule()
    var libraries = Library.allCases
    /// Runs only the measures whose label contains this text ("decode", "Payload", ...).
    var measureFilter: String?

    static let usage = """
        usage: codec-bench [--rounds N] [--seconds S] [--library ProtoCodec|swift-protobuf] [--measure TEXT]
                           [--iterations N]
          --rounds N     timed rounds per library and measure (default 5; the median is reported)
          --seconds S    length of one round in seconds (default 0.5)
          --library L    time only one library, e.g. under a profiler (no ratios are printed)
          --measure TEXT time only the measures whose label contains TEXT, e.g. "decode ScheduleEvent"
          --iterations N run exactly N messages per round, uncalibrated (for callgrind counts)
        """

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag != "--help" else { throw BenchFailure(Options.usage) }
            guard let value = rest.popFirst() else { throw BenchFailure("\(flag) needs a value\n\(Options.usage)") }
            switch flag {
            case "--rounds":
                guard let rounds = Int(value), rounds > 0 else {
                    throw BenchFailure("--rounds wants a positive integer")
                }
                schedule.rounds = rounds
            case "--seconds":
                guard let seconds = Double(value), seconds > 0 else {
                    throw BenchFailure("--seconds wants a positive number")
                }
                schedule.secondsPerRound = seconds
                schedule.calibrationSeconds = min(schedule.calibrationSeconds, seconds / 4)
            case "--library":
                guard let library = Library(rawValue: value) else {
                    throw BenchFailure("--library wants ProtoCodec or swift-protobuf, not \(value)")
                }
                libraries = [library]
            case "--iterations":
                guard let iterations = Int(value), iterations > 0 else {
                    throw BenchFailure("--iterations wants a positive integer")
                }
                schedule.fixedIterations = iterations
            case "--measure":
                measureFilter = value
            default:
                throw BenchFailure("unknown option \(flag)\n\(Options.usage)")
            }
        }
    }
}

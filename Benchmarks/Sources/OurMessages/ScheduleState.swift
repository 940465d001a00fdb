import ProtoCodec

// Hand-written in the shape the generator emits; see the note in Payload.swift.

/// `bench.ScheduleState`: where a schedule is in its life.
public enum Bench_ScheduleState: ProtoEnum {
    /// `SCHEDULE_STATE_NOT_STARTED = 0`, the default.
    case notStarted
    /// `SCHEDULE_STATE_STARTED = 1`.
    case started
    /// `SCHEDULE_STATE_CANCELED = 2`.
    case canceled
    /// `SCHEDULE_STATE_COMPLETED = 3`.
    case completed
    /// A number this schema does not name, kept as it arrived.
    case unrecognized(Int32)

    /// The zero value, `.notStarted`.
    public init() { self = .notStarted }

    /// Maps a number to its case, `.unrecognized` when the schema does not name it.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .notStarted
        case 1: self = .started
        case 2: self = .canceled
        case 3: self = .completed
        default: self = .unrecognized(rawValue)
        }
    }

    /// The number written on the wire.
    public var rawValue: Int32 {
        switch self {
        case .notStarted: 0
        case .started: 1
        case .canceled: 2
        case .completed: 3
        case .unrecognized(let number): number
        }
    }
}

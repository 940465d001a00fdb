extension Pinit_V1_ScheduleState {
    /// The proto value's name without its prefix: `NOT_STARTED`, `CANCELED`, ...
    public var name: String {
        switch self {
        case .notStarted: "NOT_STARTED"
        case .started: "STARTED"
        case .canceled: "CANCELED"
        case .completed: "COMPLETED"
        case .unrecognized(let number): "UNRECOGNIZED(\(number))"
        }
    }
}

extension Pinit_V1_ScheduleEventKind {
    /// The proto value's name without its prefix, in lower case: `created`, `rescheduled`, ...
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .created: "created"
        case .rescheduled: "rescheduled"
        case .started: "started"
        case .canceled: "canceled"
        case .completed: "completed"
        case .unrecognized(let number): "unrecognized(\(number))"
        }
    }
}

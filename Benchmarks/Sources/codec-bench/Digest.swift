/// A cheap number computed from a decoded message's fields, summed over every timed decode
/// so the optimiser cannot drop the work, and compared against the expected total.
protocol Digestible {
    var digest: Int { get }
}

/// The digest of an encoding: its length and its first and last bytes.
func digest(of bytes: [UInt8]) -> Int {
    guard let first = bytes.first, let last = bytes.last else { return 0 }
    return bytes.count &+ Int(first) &* 3 &+ Int(last) &* 7
}

extension OurPayload: Digestible {
    var digest: Int {
        Int(truncatingIfNeeded: id) &+ name.utf8.count &+ body.count &+ tags.count
            &+ (inner?.flag == true ? 1 : 0)
    }
}

extension SwiftProtobufPayload: Digestible {
    var digest: Int {
        Int(truncatingIfNeeded: id) &+ name.utf8.count &+ body.count &+ tags.count
            &+ (inner.flag ? 1 : 0)
    }
}

extension OurScheduleEvent: Digestible {
    var digest: Int {
        Int(truncatingIfNeeded: version) &+ eventID.utf8.count &+ attributes.count
            &+ Int(truncatingIfNeeded: (startTime?.seconds ?? 0) &+ (occurredAt?.seconds ?? 0))
    }
}

extension SwiftProtobufScheduleEvent: Digestible {
    var digest: Int {
        Int(truncatingIfNeeded: version) &+ eventID.utf8.count &+ attributes.count
            &+ Int(truncatingIfNeeded: startTime.seconds &+ occurredAt.seconds)
    }
}

import RPCCore

/// The `grpc-timeout` header: a positive integer of at most 8 digits and a unit,
/// `H` hours, `M` minutes, `S` seconds, `m` milliseconds, `u` microseconds, `n` nanoseconds.
public enum GRPCTimeout {
    static let maxValue: Int64 = 99_999_999
    static let subSecondUnits: [(String, Int64)] = [("n", 1), ("u", 1_000), ("m", 1_000_000)]
    static let secondUnits: [(String, Int64)] = [("S", 1), ("M", 60), ("H", 3_600)]

    /// Encodes a timeout with the finest unit whose value fits in 8 digits, rounding up so
    /// the peer never sees a shorter timeout than the caller's. Negative durations encode as
    /// `0n`; durations beyond 99,999,999 hours encode as that maximum.
    public static func encode(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, (seconds, attoseconds) > (0, 0) else { return "0n" }
        if seconds < 100_000 {
            // Sub-second units can only fit below 100,000 s, where nanoseconds cannot overflow.
            let nanoseconds = seconds * 1_000_000_000 + (attoseconds + 999_999_999) / 1_000_000_000
            for (unit, size) in subSecondUnits {
                let value = roundingUp(nanoseconds, by: size)
                if value <= maxValue { return "\(value)\(unit)" }
            }
        }
        let wholeSeconds = attoseconds > 0 && seconds < .max ? seconds + 1 : seconds
        for (unit, size) in secondUnits {
            let value = roundingUp(wholeSeconds, by: size)
            if value <= maxValue { return "\(value)\(unit)" }
        }
        return "\(maxValue)H"
    }

    private static func roundingUp(_ value: Int64, by size: Int64) -> Int64 {
        value / size + (value % size == 0 ? 0 : 1)
    }

    /// Parses a `grpc-timeout` value; `nil` unless it is 1 to 8 ASCII digits followed by one
    /// of the six units.
    public static func parse(_ text: some StringProtocol) -> Duration? {
        var text = String(text)
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses a `grpc-timeout` value given as bytes, with the same rules.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Duration? {
        guard bytes.count >= 2, bytes.count <= 9, let unit = bytes.last else { return nil }
        var value: Int64 = 0
        for digit in bytes.dropLast() {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(value * 3600)
        case UInt8(ascii: "M"): return .seconds(value * 60)
        case UInt8(ascii: "S"): return .seconds(value)
        case UInt8(ascii: "m"): return .milliseconds(value)
        case UInt8(ascii: "u"): return .microseconds(value)
        case UInt8(ascii: "n"): return .nanoseconds(value)
        default: return nil
        }
    }
}

/// `google.protobuf.Duration`: a signed span of time as whole seconds plus nanoseconds.
///
/// The proto's rules: `seconds` is within ±315_576_000_000 (about 10,000 years), `nanos`
/// within ±999_999_999, and when both are non-zero they have the same sign.
public struct Google_Protobuf_Duration: SecondsAndNanosMessage {
    /// `google.protobuf.Duration`.
    public static var protoMessageName: String { "google.protobuf.Duration" }

    /// The largest valid magnitude of `seconds`.
    public static let maxSeconds: Int64 = 315_576_000_000

    /// Whole seconds, negative for negative spans (field 1).
    public var seconds: Int64 = 0
    /// Nanoseconds, with the sign of `seconds` when that is non-zero (field 2).
    public var nanos: Int32 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()

    /// A zero duration.
    @inlinable
    public init() {}

    /// A duration normalised so that `nanos` is within ±999_999_999 and has the sign of
    /// `seconds` (so `(1, -1)` becomes `(0, 999_999_999)`).
    @inlinable
    public init(seconds: Int64, nanos: Int32) {
        let normalised = NanosecondCarry.normalise(seconds: seconds, nanos: nanos, nonNegativeNanos: false)
        self.seconds = normalised.seconds
        self.nanos = normalised.nanos
    }

    /// True when both fields are within range and do not disagree in sign.
    @inlinable
    public var isValid: Bool {
        (-Self.maxSeconds...Self.maxSeconds).contains(seconds)
            && (-(NanosecondCarry.perSecond - 1)...(NanosecondCarry.perSecond - 1)).contains(nanos)
            && !(seconds > 0 && nanos < 0) && !(seconds < 0 && nanos > 0)
    }
}

/// `google.protobuf.Timestamp`: a point in time as whole seconds since the Unix epoch plus
/// non-negative nanoseconds, independent of any time zone or calendar.
///
/// The proto's rules: `nanos` is in 0...999_999_999 (earlier times count seconds down and
/// nanos up), and `seconds` stays within 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59Z.
public struct Google_Protobuf_Timestamp: SecondsAndNanosMessage {
    /// `google.protobuf.Timestamp`.
    public static var protoMessageName: String { "google.protobuf.Timestamp" }

    /// The earliest valid `seconds`: 0001-01-01T00:00:00Z.
    public static let minSeconds: Int64 = -62_135_596_800
    /// The latest valid `seconds`: 9999-12-31T23:59:59Z.
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Whole seconds since 1970-01-01T00:00:00Z (field 1).
    public var seconds: Int64 = 0
    /// Nanoseconds added to `seconds`, 0...999_999_999 when normalised (field 2).
    public var nanos: Int32 = 0
    /// Fields this version of the schema does not know.
    public var unknownFields = UnknownFields()

    /// The epoch, 1970-01-01T00:00:00Z.
    @inlinable
    public init() {}

    /// A timestamp normalised so that `nanos` is in 0...999_999_999, carrying whole seconds
    /// out of `nanos` (so `(5, -1)` becomes `(4, 999_999_999)`).
    @inlinable
    public init(seconds: Int64, nanos: Int32) {
        let normalised = NanosecondCarry.normalise(seconds: seconds, nanos: nanos, nonNegativeNanos: true)
        self.seconds = normalised.seconds
        self.nanos = normalised.nanos
    }

    /// True when `nanos` and `seconds` are within the ranges the proto allows.
    @inlinable
    public var isValid: Bool {
        (0..<NanosecondCarry.perSecond).contains(nanos)
            && (Self.minSeconds...Self.maxSeconds).contains(seconds)
    }
}

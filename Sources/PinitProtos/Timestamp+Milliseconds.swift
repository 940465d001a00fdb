import ProtoCodec

extension Google_Protobuf_Timestamp {
    /// The instant `milliseconds` after the Unix epoch; the services store times this way.
    public init(milliseconds: Int64) {
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (whole, rest) = seconds.remainder < 0 ? (seconds.quotient - 1, seconds.remainder + 1000) : seconds
        self.init(seconds: whole, nanos: Int32(rest) * 1_000_000)
    }

    /// Milliseconds since the Unix epoch (sub-millisecond nanos are dropped).
    public var milliseconds: Int64 {
        seconds * 1000 + Int64(nanos / 1_000_000)
    }
}

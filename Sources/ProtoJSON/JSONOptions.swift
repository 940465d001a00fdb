/// How `JSONCodec` prints messages.
public struct JSONPrintOptions: Sendable, Hashable {
    /// One member per line with two-space indentation (as grpcurl prints); compact when false.
    public var pretty: Bool
    /// Also print fields without presence that hold their default (zero numbers, empty
    /// strings, repeated fields and maps); fields with presence (messages, proto3 `optional`,
    /// oneof members) are printed only when set.
    public var emitDefaults: Bool
    /// Use the `.proto` field names (`start_time`) instead of the JSON names (`startTime`).
    public var keepProtoNames: Bool

    /// Creates options; by default compact, defaults omitted, JSON names.
    public init(pretty: Bool = false, emitDefaults: Bool = false, keepProtoNames: Bool = false) {
        self.pretty = pretty
        self.emitDefaults = emitDefaults
        self.keepProtoNames = keepProtoNames
    }
}

/// How `JSONCodec` reads JSON.
public struct JSONParseOptions: Sendable, Hashable {
    /// Skip object members that name no field of the message (and enum names the enum
    /// does not know) instead of failing.
    public var ignoreUnknownFields: Bool

    /// Creates options; by default unknown fields are errors.
    public init(ignoreUnknownFields: Bool = false) {
        self.ignoreUnknownFields = ignoreUnknownFields
    }
}

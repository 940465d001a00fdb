extension Metadata {
    /// Keys owned by the protocol and the transport, never taken from (or handed to) user
    /// metadata, besides every key starting with `:` (HTTP/2 pseudo headers).
    public static let reservedKeys: Set<String> = [
        "te", "content-type", "user-agent", "host", "connection", "keep-alive",
        "proxy-connection", "transfer-encoding", "upgrade",
        "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "grpc-message-type",
        "grpc-status", "grpc-message", "grpc-previous-rpc-attempts", "grpc-retry-pushback-ms",
    ]

    /// Whether a key is reserved for the protocol or the transport: a `:` pseudo header,
    /// one of ``reservedKeys``, or any other `grpc-` key except `grpc-status-details-bin`
    /// (the rich error details applications may send in trailers).
    @inlinable
    public static func isReservedKey(_ key: some StringProtocol) -> Bool {
        if key.utf8.first == UInt8(ascii: ":") { return true }
        if key.hasPrefix("grpc-") { return key != "grpc-status-details-bin" }
        return reservedKeys.contains(String(key))
    }

    /// Whether a key is a valid metadata key: non-empty, only `0-9 a-z - _ .`.
    public static func isValidKey(_ key: some StringProtocol) -> Bool {
        !key.utf8.isEmpty
            && key.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default:
                    false
                }
            }
    }

    /// Whether text is a valid non-binary value: printable ASCII (0x20–0x7E) only.
    public static func isValidTextValue(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// Checks that user metadata may be sent: every key valid and not reserved, binary values
    /// exactly under `-bin` keys, text values printable ASCII.
    ///
    /// - Throws: ``RPCError`` with ``StatusCode/internal`` naming the first offending key.
    public func validate() throws(RPCError) {
        for entry in entries {
            guard Metadata.isValidKey(entry.key) else {
                throw RPCError(
                    code: .internal, message: "invalid metadata key '\(entry.key)': only 0-9 a-z - _ . are allowed")
            }
            guard !Metadata.isReservedKey(entry.key) else {
                throw RPCError(code: .internal, message: "metadata key '\(entry.key)' is reserved for the protocol")
            }
            switch entry.value {
            case .binary:
                guard Metadata.isBinaryKey(entry.key) else {
                    throw RPCError(
                        code: .internal,
                        message: "binary metadata value under key '\(entry.key)' without the -bin suffix")
                }
            case .string(let text):
                guard !Metadata.isBinaryKey(entry.key) else {
                    throw RPCError(code: .internal, message: "text metadata value under binary key '\(entry.key)'")
                }
                guard Metadata.isValidTextValue(text) else {
                    throw RPCError(
                        code: .internal, message: "metadata value for key '\(entry.key)' is not printable ASCII")
                }
            }
        }
    }

    /// A copy without reserved keys (see ``isReservedKey(_:)``).
    public func removingReservedKeys() -> Metadata {
        var copy = self
        copy.entries.removeAll { Metadata.isReservedKey($0.key) }
        return copy
    }
}

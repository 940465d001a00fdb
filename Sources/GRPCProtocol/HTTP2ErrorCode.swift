/// An HTTP/2 error code (RFC 9113 section 7), as carried by RST_STREAM and GOAWAY frames.
public struct HTTP2ErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The 32-bit code on the wire.
    public var rawValue: UInt32

    /// Wraps a code, known or not.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Graceful close, no error.
    public static let noError = HTTP2ErrorCode(rawValue: 0x0)
    /// The peer broke the protocol.
    public static let protocolError = HTTP2ErrorCode(rawValue: 0x1)
    /// The endpoint failed internally.
    public static let internalError = HTTP2ErrorCode(rawValue: 0x2)
    /// The peer broke flow control.
    public static let flowControlError = HTTP2ErrorCode(rawValue: 0x3)
    /// SETTINGS were not acknowledged in time.
    public static let settingsTimeout = HTTP2ErrorCode(rawValue: 0x4)
    /// A frame arrived on a half-closed stream.
    public static let streamClosed = HTTP2ErrorCode(rawValue: 0x5)
    /// A frame had an invalid size.
    public static let frameSizeError = HTTP2ErrorCode(rawValue: 0x6)
    /// The stream was refused before any processing; safe to retry.
    public static let refusedStream = HTTP2ErrorCode(rawValue: 0x7)
    /// The stream is no longer needed.
    public static let cancel = HTTP2ErrorCode(rawValue: 0x8)
    /// The header compression context broke.
    public static let compressionError = HTTP2ErrorCode(rawValue: 0x9)
    /// A CONNECT tunnel failed.
    public static let connectError = HTTP2ErrorCode(rawValue: 0xA)
    /// The peer is generating excessive load.
    public static let enhanceYourCalm = HTTP2ErrorCode(rawValue: 0xB)
    /// The transport's security is inadequate.
    public static let inadequateSecurity = HTTP2ErrorCode(rawValue: 0xC)
    /// HTTP/1.1 must be used instead.
    public static let http11Required = HTTP2ErrorCode(rawValue: 0xD)

    /// The RFC name, such as `REFUSED_STREAM`, or `0x…` for codes it does not define.
    public var name: String {
        let names = [
            "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
            "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
            "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
        ]
        return rawValue < names.count ? names[Int(rawValue)] : "0x" + String(rawValue, radix: 16)
    }

    /// The same as ``name``.
    public var description: String { name }
}

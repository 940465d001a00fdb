/// The outcome of an RPC: a code and a human-readable message.
public struct Status: Sendable, Hashable, CustomStringConvertible {
    /// The status code.
    public var code: StatusCode
    /// A message for a person (sent percent-encoded in `grpc-message`); empty when there is none.
    public var message: String

    /// Creates a status.
    public init(code: StatusCode, message: String = "") {
        self.code = code
        self.message = message
    }

    /// The successful status with no message.
    public static let ok = Status(code: .ok)

    /// `CODE_NAME (n): message`, or just the code when the message is empty.
    public var description: String {
        message.isEmpty ? code.description : "\(code.description): \(message)"
    }
}

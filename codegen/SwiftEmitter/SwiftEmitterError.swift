/// A reason the emitter cannot generate a file, naming the file.
public struct SwiftEmitterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The .proto file being generated.
    public let file: String
    /// What is wrong, in words a person can act on.
    public let message: String

    /// Creates an error about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file.proto: message`.
    public var description: String { "\(file): \(message)" }
}

import ProtoCodec
import SwiftProtobuf

/// Proves, before anything is timed, that the two libraries agree on a message: each decodes
/// the other's encoding to the same content, and both encodings have the same length.
struct CrossCheck {
    let name: String
    /// ProtoCodec's encoding of the message.
    let ourBytes: [UInt8]
    /// swift-protobuf's encoding of the message.
    let swiftProtobufBytes: [UInt8]

    init<Ours: ProtoCodec.Message, Theirs: SwiftProtobuf.Message & Equatable>(
        _ name: String, ours: Ours, swiftProtobuf: Theirs
    ) throws {
        self.name = name
        ourBytes = ours.serializedBytes()
        swiftProtobufBytes = try swiftProtobuf.serializedBytes()

        guard ourBytes.count == swiftProtobufBytes.count else {
            throw BenchFailure(
                "\(name): ProtoCodec writes \(ourBytes.count) bytes, swift-protobuf \(swiftProtobufBytes.count)")
        }
        guard try Ours(serializedBytes: swiftProtobufBytes) == ours else {
            throw BenchFailure("\(name): ProtoCodec decodes swift-protobuf's bytes to a different message")
        }
        guard try Theirs(serializedBytes: ourBytes) == swiftProtobuf else {
            throw BenchFailure("\(name): swift-protobuf decodes ProtoCodec's bytes to a different message")
        }
    }

    /// One line for the report; identical bytes are expected except where map order differs.
    var summary: String {
        let sameBytes = ourBytes == swiftProtobufBytes ? "identical bytes" : "same length, map order differs"
        return "\(name): \(ourBytes.count) bytes, cross-decoded by both libraries (\(sameBytes))"
    }
}

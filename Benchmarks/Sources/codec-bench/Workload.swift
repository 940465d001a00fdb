import ProtoCodec
import SwiftProtobuf

/// One library doing one measure: a loop of `iterations` encodes or decodes of the same
/// input, returning the sum of the per-message digests.
struct Workload {
    /// The sum one iteration adds, taken from the cross-checked result.
    let expectedDigest: Int
    let run: (_ iterations: Int) throws -> Int

    /// Runs `iterations` and fails if the digest sum shows a wrong or skipped result.
    func timed(iterations: Int) throws -> Duration {
        let clock = ContinuousClock()
        var sum = 0
        let elapsed = try clock.measure { sum = try run(iterations) }
        guard sum == expectedDigest &* iterations else {
            throw BenchFailure("digest sum \(sum) differs from \(expectedDigest) × \(iterations)")
        }
        return elapsed
    }

    /// A workload that repeats `operation`, whose result's digest one call gives.
    @inline(__always)
    private static func repeating(_ operation: @escaping () throws -> Int) throws -> Workload {
        try Workload(expectedDigest: operation()) { iterations in
            var sum = 0
            for _ in 0..<iterations { sum &+= try operation() }
            return sum
        }
    }
}

extension Workload {
    /// ProtoCodec: message → `[UInt8]`.
    static func ourEncode<M: ProtoCodec.Message>(_ message: M) throws -> Workload {
        try repeating { digest(of: message.serializedBytes()) }
    }

    /// ProtoCodec: `[UInt8]` → message.
    static func ourDecode<M: ProtoCodec.Message & Digestible>(_ bytes: [UInt8], as type: M.Type) throws -> Workload {
        try repeating { try M(serializedBytes: bytes).digest }
    }

    /// swift-protobuf: message → `[UInt8]`.
    static func swiftProtobufEncode<M: SwiftProtobuf.Message>(_ message: M) throws -> Workload {
        try repeating { digest(of: try message.serializedBytes()) }
    }

    /// swift-protobuf: `[UInt8]` → message.
    static func swiftProtobufDecode<M: SwiftProtobuf.Message & Digestible>(_ bytes: [UInt8], as type: M.Type) throws
        -> Workload
    {
        try repeating { try M(serializedBytes: bytes).digest }
    }
}

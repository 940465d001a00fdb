import Foundation
import ProtocSupport

extension SeededGenerator {
    /// The seed tests start from: `CODEC_TEST_SEED` from the environment, or a fixed value.
    static var baseSeed: UInt64 {
        ProcessInfo.processInfo.environment["CODEC_TEST_SEED"].flatMap(UInt64.init) ?? 0xC0DEC_5EED
    }
}

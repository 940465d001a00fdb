import Foundation
import RPCBenchSupport
import SwiftProtobufMessages

extension Bench_Payload {
    /// The benchmark's Payload from the shared values; `body` replaces the 48-byte body.
    public static func benchFixture(body: Data = PayloadValues.body) -> Bench_Payload {
        .with {
            $0.id = PayloadValues.id
            $0.name = PayloadValues.name
            $0.body = body
            $0.tags = PayloadValues.tags
            $0.inner.score = PayloadValues.innerScore
            $0.inner.flag = true
        }
    }
}

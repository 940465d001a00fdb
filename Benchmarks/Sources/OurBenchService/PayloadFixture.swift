import Foundation
import RPCBenchSupport

extension Bench_Payload {
    /// The benchmark's Payload from the shared values; `body` replaces the 48-byte body.
    public static func benchFixture(body: Data = PayloadValues.body) -> Bench_Payload {
        var payload = Bench_Payload()
        payload.id = PayloadValues.id
        payload.name = PayloadValues.name
        payload.body = body
        payload.tags = PayloadValues.tags
        var inner = Bench_Inner()
        inner.score = PayloadValues.innerScore
        inner.flag = true
        payload.inner = inner
        return payload
    }
}

import OurMessages
import SwiftProtobufMessages

// Both libraries generate the same Swift names from Protos/codec_bench.proto, so the
// benchmark names each side by module.
typealias OurPayload = OurMessages.Bench_Payload
typealias OurScheduleEvent = OurMessages.Bench_ScheduleEvent
typealias SwiftProtobufPayload = SwiftProtobufMessages.Bench_Payload
typealias SwiftProtobufScheduleEvent = SwiftProtobufMessages.Bench_ScheduleEvent

import Foundation

/// Encode and decode throughput of ProtoCodec against swift-protobuf on the same messages,
/// measured in one run; ends with one `ratio <measure>: X` line per measure (ours over
/// swift-protobuf, higher is better).
@main
struct CodecBench {
    static func main() {
        do {
            try run(options: Options(arguments: Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("codec-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(options: Options) throws {
        let payload = try CrossCheck(
            "Payload", ours: Fixtures.ourPayload(), swiftProtobuf: Fixtures.swiftProtobufPayload())
        let event = try CrossCheck(
            "ScheduleEvent", ours: Fixtures.ourScheduleEvent(), swiftProtobuf: Fixtures.swiftProtobufScheduleEvent())
        print(payload.summary)
        print(event.summary)

        let measures = try [
            Measure(
                label: "encode Payload", bytesPerMessage: payload.ourBytes.count,
                workloads: [
                    .ours: .ourEncode(Fixtures.ourPayload()),
                    .swiftProtobuf: .swiftProtobufEncode(Fixtures.swiftProtobufPayload()),
                ]),
            Measure(
                label: "decode Payload", bytesPerMessage: payload.ourBytes.count,
                workloads: [
                    .ours: .ourDecode(payload.ourBytes, as: OurPayload.self),
                    .swiftProtobuf: .swiftProtobufDecode(payload.ourBytes, as: SwiftProtobufPayload.self),
                ]),
            Measure(
                label: "encode ScheduleEvent", bytesPerMessage: event.ourBytes.count,
                workloads: [
                    .ours: .ourEncode(Fixtures.ourScheduleEvent()),
                    .swiftProtobuf: .swiftProtobufEncode(Fixtures.swiftProtobufScheduleEvent()),
                ]),
            Measure(
                label: "decode ScheduleEvent", bytesPerMessage: event.ourBytes.count,
                workloads: [
                    .ours: .ourDecode(event.ourBytes, as: OurScheduleEvent.self),
                    .swiftProtobuf: .swiftProtobufDecode(event.ourBytes, as: SwiftProtobufScheduleEvent.self),
                ]),
        ].filter { measure in options.measureFilter.map { measure.label.contains($0) } ?? true }

        let schedule = options.schedule
        print("\n\(machineLine())")
        print("\(schedule.rounds) rounds × \(schedule.secondsPerRound) s per library and measure, median round shown\n")
        print(Report.header)
        var ratios: [String] = []
        for measure in measures {
            let results = try schedule.run(measure, libraries: options.libraries)
            for library in options.libraries {
                print(Report.row(measure, library, results[library]!))
            }
            if let ours = results[.ours], let theirs = results[.swiftProtobuf] {
                ratios.append("ratio \(measure.label): " + String(format: "%.2f", ours.median / theirs.median))
            }
        }
        print("")
        ratios.forEach { print($0) }
    }

    /// CPUs and load at the start: on a busy machine absolute rates drop, ratios much less.
    static func machineLine() -> String {
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        guard let loadavg = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
            let oneMinute = loadavg.split(separator: " ").first
        else { return "machine: \(cpus) CPUs" }
        return "machine: \(cpus) CPUs, load average \(oneMinute) at start"
    }
}

import ArgumentParser
import DynamicProto
import Foundation
import HTTP2Transport
import RPCCore
import Synchronization

/// `rpccurl bench ADDRESS SERVICE/METHOD -d JSON --concurrency C (--duration S | -n N)`:
/// calls one method repeatedly from C concurrent callers and prints the rate and latencies.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpccurl bench", abstract: "Load-test one method: requests/s and p50/p90/p99/max latency.")

    @OptionGroup var flags: CallFlags

    @Option(name: .customShort("d"), help: "The request as JSON (sent with every call).")
    var data = "{}"

    @Option(name: .long, help: "Calls in flight at once.")
    var concurrency = 8

    @Option(name: .long, help: "Seconds to run (default 5 unless -n is given).")
    var duration: Double?

    @Option(name: .customShort("n"), help: "Total calls to make.")
    var total: Int?

    @Argument(help: "ADDRESS SERVICE/METHOD")
    var words: [String] = []

    /// Runs the benchmark.
    func execute() async throws(Failure) {
        guard words.count == 2 else { throw .usage("bench needs ADDRESS and SERVICE/METHOD.") }
        guard concurrency > 0 else { throw .usage("--concurrency must be at least 1.") }
        let target = try Dialing.address(words[0], unix: flags.unix)
        let name = words[1]
        let command = self
        let files = try DescriptorSource.files(from: flags)
        try await Dialing.withClient(to: target, flags: flags) { client async throws(Failure) in
            let source: DescriptorSource =
                if let files { .files(files) } else { .reflection(ReflectionClient(client: client, metadata: Metadata(), options: CallOptions())) }
            let symbol = MethodName.service(of: name)
            let pool = try await source.pool(containing: [symbol])
            guard let method = pool.method(named: name) else { throw .other("Symbol not found: \(name)") }
            let request = try RawMessage(bytes: MessagePrinter(pool: pool, flags: command.flags).bytes(of: command.data, typeName: method.inputType))
            try await command.run(method, request, on: client)
        }
    }

    private func run(_ method: ServiceMethod, _ request: RawMessage, on client: RPCClient<HTTP2ClientTransport>) async throws(Failure) {
        let descriptor = MethodDescriptor(service: method.serviceName, method: method.name)
        let limit = total
        let end = ContinuousClock.now + (CallFlags.duration(duration) ?? (limit == nil ? .seconds(5) : .seconds(86_400)))
        let budget = CallBudget(limit: limit)
        let options = CallOptions(compression: flags.compression)
        let started = ContinuousClock.now
        let results = await withTaskGroup(of: ([Duration], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var latencies: [Duration] = []
                    var failures = 0
                    while ContinuousClock.now < end {
                        if !budget.take() { break }
                        let callStart = ContinuousClock.now
                        do {
                            _ = try await client.bidirectionalStreaming(
                                request: StreamingClientRequest(messages: [request]), descriptor: descriptor,
                                responseType: RawMessage.self, options: options
                            ) { response in
                                for try await _ in response.messages {}
                            }
                            latencies.append(callStart.duration(to: .now))
                        } catch {
                            failures += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            return await group.reduce(into: ([Duration](), 0)) { $0.0 += $1.0; $0.1 += $1.1 }
        }
        print(BenchSummary(latencies: results.0, failures: results.1, elapsed: started.duration(to: .now)))
    }

    private func print(_ summary: BenchSummary) {
        for line in summary.lines { Output.out(line) }
    }
}

/// The calls a benchmark may still make, shared by its callers.
final class CallBudget: Sendable {
    private let issued = Atomic(0)
    private let limit: Int?

    init(limit: Int?) { self.limit = limit }

    /// True when one more call may be made (always, without a limit).
    func take() -> Bool {
        guard let limit else { return true }
        return issued.add(1, ordering: .relaxed).newValue <= limit
    }
}

/// The rate and latency percentiles of a benchmark run.
struct BenchSummary {
    let latencies: [Duration]
    let failures: Int
    let elapsed: Duration

    /// `requests/s` and p50/p90/p99/max, one per line.
    var lines: [String] {
        let sorted = latencies.sorted()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
            return Self.milliseconds(sorted[max(0, index)])
        }
        return [
            Output.bold("\(sorted.count) calls OK, \(failures) failed in \(String(format: "%.2f", seconds)) s"),
            "requests/s: \(String(format: "%.1f", Double(sorted.count) / max(seconds, 1e-9)))",
            "p50: \(percentile(0.5))", "p90: \(percentile(0.9))", "p99: \(percentile(0.99))",
            "max: \(sorted.last.map(Self.milliseconds) ?? "-")",
        ]
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.3f ms", ms)
    }
}

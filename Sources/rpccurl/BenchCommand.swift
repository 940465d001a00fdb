import ArgumentParser
import DynamicProto
import Foundation
import HTTP2Transport
import RPCCore
import Synchronization

/// `rpccurl bench ADDRESS SERVICE/METHOD -d JSON --concurrency C (--duration S | -n N)`:
/// calls one method repeatedly from C concurrent callers and prints the rate and latencies.
/// When calls fail it also prints how many failed with each status, and exits 1.
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
                if let files { .files(files) } else {
                    .reflection(ReflectionClient(client: client, metadata: Metadata(), options: CallOptions()))
                }
            let (method, pool) = try await source.method(named: name)
            let request = try RawMessage(
                bytes: MessagePrinter(pool: pool, flags: command.flags).bytes(
                    of: command.data, typeName: method.inputType))
            try await command.run(method, request, on: client)
        }
    }

    private func run(_ method: ServiceMethod, _ request: RawMessage, on client: RPCClient<HTTP2ClientTransport>)
        async throws(Failure)
    {
        let descriptor = MethodDescriptor(service: method.serviceName, method: method.name)
        let limit = total
        let end =
            ContinuousClock.now + (CallFlags.duration(duration) ?? (limit == nil ? .seconds(5) : .seconds(86_400)))
        let budget = CallBudget(limit: limit)
        let options = CallOptions(compression: flags.compression)
        let started = ContinuousClock.now
        let results = await withTaskGroup(of: BenchResults.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var results = BenchResults()
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
                            results.latencies.append(callStart.duration(to: .now))
                        } catch let error as RPCError {
                            results.fail(error.code, error.message)
                        } catch {
                            results.fail(.unknown, "\(error)")
                        }
                    }
                    return results
                }
            }
            return await group.reduce(into: BenchResults()) { $0.merge($1) }
        }
        let summary = BenchSummary(results: results, elapsed: started.duration(to: .now))
        print(summary)
        let failed = summary.failureCount
        guard failed == 0 else {
            throw .other("Failed: \(failed) of \(failed + results.latencies.count) calls failed")
        }
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

/// What a benchmark's calls came to: the latencies of those that succeeded, and the failed
/// ones by status code (with the first message seen for each).
struct BenchResults: Sendable {
    var latencies: [Duration] = []
    var failures: [StatusCode: (count: Int, firstMessage: String)] = [:]

    /// Counts one failed call.
    mutating func fail(_ code: StatusCode, _ message: String) {
        failures[code, default: (0, message)].count += 1
    }

    /// Adds another caller's results.
    mutating func merge(_ other: BenchResults) {
        latencies += other.latencies
        for (code, failure) in other.failures {
            failures[code, default: (0, failure.firstMessage)].count += failure.count
        }
    }
}

/// The rate and latency percentiles of a benchmark run, and its failures by status.
struct BenchSummary {
    let results: BenchResults
    let elapsed: Duration

    /// How many calls failed.
    var failureCount: Int { results.failures.values.reduce(0) { $0 + $1.count } }

    /// `requests/s` and p50/p90/p99/max, one per line; then, when calls failed, one line per
    /// status code (most frequent first) with the first message seen.
    var lines: [String] {
        let sorted = results.latencies.sorted()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
            return Self.milliseconds(sorted[max(0, index)])
        }
        let failures = results.failures.sorted { ($0.value.count, $1.key.rawValue) > ($1.value.count, $0.key.rawValue) }
        return [
            Output.bold("\(sorted.count) calls OK, \(failureCount) failed in \(String(format: "%.2f", seconds)) s"),
            "requests/s: \(String(format: "%.1f", Double(sorted.count) / max(seconds, 1e-9)))",
            "p50: \(percentile(0.5))", "p90: \(percentile(0.9))", "p99: \(percentile(0.99))",
            "max: \(sorted.last.map(Self.milliseconds) ?? "-")",
        ] + (failures.isEmpty ? [] : ["failed calls by status:"])
            + failures.map { code, failure in
                "  \(grpcurlName(code)): \(failure.count) (\(failure.firstMessage))"
            }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.3f ms", ms)
    }
}

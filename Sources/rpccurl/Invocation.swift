import DynamicProto
import Foundation
import HTTP2Transport
import ProtoDescriptors
import RPCCore
import Synchronization

/// One RPC made from the command line: requests read as JSON, responses printed as they arrive.
struct Invocation: Sendable {
    let method: ServiceMethod
    let printer: MessagePrinter
    let metadata: Metadata
    let options: CallOptions
    let verbose: Bool
    let requests: RequestSource

    /// Makes the call (every kind goes as a bidirectional stream; on the wire they are the same).
    ///
    /// - Throws: `Failure.rpc` with the status when the call fails, `Failure.other` for bad
    ///   request JSON.
    func run(on client: RPCClient<HTTP2ClientTransport>) async throws(Failure) {
        let started = ContinuousClock.now
        let counts = Counts()
        if verbose {
            Output.out("\nResolved method descriptor:\n\(ProtoDescriber(files: []).methodText(methodProto))\n")
            Output.out("Request metadata to send:\n\(Self.text(of: metadata))\n")
        }
        let descriptor = MethodDescriptor(service: method.serviceName, method: method.name)
        let values = try await requestValues()
        let request = StreamingClientRequest<RawMessage>(metadata: metadata) { writer in
            for await json in values {
                try await writer.write(RawMessage(bytes: try printer.bytes(of: json, typeName: method.inputType)))
                counts.sent += 1
            }
        }
        do {
            try await client.bidirectionalStreaming(
                request: request, descriptor: descriptor, responseType: RawMessage.self, options: options
            ) { response in
                counts.headersReceived = true
                if verbose {
                    Output.out("Response headers received:\n\(Self.text(of: response.metadata, contentType: true))\n")
                }
                if verbose { Output.out("Response contents:") }
                for try await message in response.messages {
                    if counts.received > 0, printer.format == .text { Output.out("") }
                    let text = try printer.text(of: message.serializedBytes(), typeName: method.outputType)
                    Output.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
                    counts.received += 1
                }
                if verbose { Output.out("\nResponse trailers received:\n\(Self.text(of: response.trailingMetadata))") }
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as RPCError {
            // A Trailers-Only response (or a call that failed before any response) has no
            // headers; grpcurl says so before the trailers.
            if verbose, !counts.headersReceived { Output.out("Response headers received:\n(empty)") }
            if verbose { Output.out("\nResponse trailers received:\n\(Self.text(of: error.metadata))") }
            printSummary(counts, since: started)
            throw Dialing.failure(error)
        } catch {
            throw .other("\(error)")
        }
        printSummary(counts, since: started)
    }

    /// The request messages to send. A unary or server-streaming method takes one: its input
    /// is read before the call, and a second message refuses the call before anything is sent.
    ///
    /// - Throws: `Failure.other` naming the method and its kind when a second message arrives.
    private func requestValues() async throws(Failure) -> AsyncStream<String> {
        let values = requests.values(format: printer.format)
        guard !method.clientStreaming else { return values }
        var read: [String] = []
        for await value in values {
            read.append(value)
            guard read.count == 1 else {
                let kind = method.serverStreaming ? "a server-streaming" : "a unary"
                throw .other(
                    "method \"\(method.serviceName).\(method.name)\" is \(kind) RPC, but the request data contains more than 1 message"
                )
            }
        }
        return AsyncStream { continuation in
            for value in read { continuation.yield(value) }
            continuation.finish()
        }
    }

    /// The method as a descriptor, for printing.
    private var methodProto: MethodDescriptorProto {
        var proto = MethodDescriptorProto()
        proto.name = method.name
        proto.inputType = "." + method.inputType
        proto.outputType = "." + method.outputType
        proto.clientStreaming = method.clientStreaming
        proto.serverStreaming = method.serverStreaming
        return proto
    }

    /// Metadata one `name: value` per line (binary values in base64, as sent), `(empty)` when
    /// there is none. With `contentType` (response headers), `content-type: application/grpc`
    /// comes first, as grpcurl shows it: the transport accepts response headers only with a
    /// gRPC content-type, and keeps it out of the metadata.
    static func text(of metadata: Metadata, contentType: Bool = false) -> String {
        let lines =
            (contentType ? ["content-type: application/grpc"] : [])
            + metadata.map { entry in
                switch entry.value {
                case .string(let text): "\(entry.key): \(text)"
                case .binary(let bytes): "\(entry.key): \(Data(bytes).base64EncodedString())"
                }
            }
        return lines.isEmpty ? "(empty)" : lines.joined(separator: "\n")
    }

    /// `Sent N requests and received M responses`, and the call's duration.
    private func printSummary(_ counts: Counts, since start: ContinuousClock.Instant) {
        guard verbose else { return }
        Output.out(
            "Sent \(counts.sent) request\(counts.sent == 1 ? "" : "s") and received \(counts.received) response\(counts.received == 1 ? "" : "s")"
        )
        Output.out("Timing: \(start.duration(to: .now))")
    }
}

/// Counts of messages sent and received, and whether response headers came, shared by the
/// call's two directions.
final class Counts: Sendable {
    private let sentCount = Atomic(0)
    private let receivedCount = Atomic(0)
    private let headersFlag = Atomic(false)

    var headersReceived: Bool {
        get { headersFlag.load(ordering: .relaxed) }
        set { headersFlag.store(newValue, ordering: .relaxed) }
    }

    var sent: Int {
        get { sentCount.load(ordering: .relaxed) }
        set { sentCount.store(newValue, ordering: .relaxed) }
    }
    var received: Int {
        get { receivedCount.load(ordering: .relaxed) }
        set { receivedCount.store(newValue, ordering: .relaxed) }
    }
}

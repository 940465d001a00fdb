import GRPCProtocol
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Synchronization
import Testing
import TLSEngine

/// Echoes each request message back; ends with OK, or with the status named by the
/// request metadata key `x-status` (a Trailers-Only response when nothing was echoed).
@Sendable func echoHandler(
    _ stream: RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, _ context: ServerContext
) async {
    do {
        var sentMetadata = false
        for try await part in stream.inbound {
            switch part {
            case .metadata(let metadata):
                if let code = metadata.firstString(forKey: "x-status").flatMap(Int.init) {
                    try await stream.outbound.write(
                        .status(Status(code: StatusCode(wireValue: code), message: "asked for"), [:]))
                    return
                }
            case .message(let bytes):
                if !sentMetadata {
                    try await stream.outbound.write(.metadata(["x-echo": "yes"]))
                    sentMetadata = true
                }
                try await stream.outbound.write(.message(bytes))
            }
        }
        if !sentMetadata { try await stream.outbound.write(.metadata([:])) }
        try await stream.outbound.write(.status(.ok, ["x-trailer": "done"]))
    } catch {
        try? await stream.outbound.write(.status(error.status, [:]))
    }
}

/// A server transport listening in a background task, shut down by ``stop()``.
struct RunningServer {
    let transport: HTTP2ServerTransport
    let address: TransportAddress
    let task: Task<Void, any Error>

    static func start(
        _ address: TransportAddress = .tcp(host: "127.0.0.1", port: 0),
        settings: HTTP2Settings = HTTP2Settings(), tls: TLSServerConfiguration? = nil,
        handler: @escaping @Sendable (RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, ServerContext) async -> Void =
            echoHandler
    ) async throws -> RunningServer {
        let transport = HTTP2ServerTransport(address: address, settings: settings, tls: tls)
        let task = Task { try await transport.listen(handler) }
        let bound = try await transport.listeningAddress()
        return RunningServer(transport: transport, address: bound, task: task)
    }

    /// An `RPCServer` serving `router` over a transport on a free loopback port.
    static func start(
        serving router: RPCRouter<HTTP2ServerTransport>, settings: HTTP2Settings = HTTP2Settings(),
        maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize,
        compression: CompressionConfiguration = CompressionConfiguration()
    ) async throws -> RunningServer {
        let transport = HTTP2ServerTransport(
            address: .tcp(host: "127.0.0.1", port: 0), settings: settings,
            maxReceiveMessageSize: maxReceiveMessageSize, compression: compression)
        let server = RPCServer(transport: transport, router: router)
        let task = Task { try await server.serve() }
        return RunningServer(transport: transport, address: try await transport.listeningAddress(), task: task)
    }

    func stop() async throws {
        transport.beginGracefulShutdown()
        try await task.value
    }

    /// Runs `body` with an `RPCClient` on its own connection to the server, accepting
    /// `compression`'s response encodings; shuts the client down after.
    func withClient<Result: Sendable>(
        compression: CompressionConfiguration = CompressionConfiguration(),
        _ body: (RPCClient<HTTP2ClientTransport>) async throws -> Result
    ) async throws -> Result {
        let client = RPCClient(transport: HTTP2ClientTransport(target: address, compression: compression))
        let running = Task { try await client.run() }
        defer { client.beginGracefulShutdown() }
        let result = try await body(client)
        client.beginGracefulShutdown()
        try await running.value
        return result
    }
}

extension TransportAddress {
    /// The port of a TCP address; throws (failing the test) for any other kind.
    func tcpPort() throws -> Int {
        guard case .tcp(_, let port) = self else { throw NotTCP(address: description) }
        return port
    }

    /// A test expected a TCP address and got another kind.
    struct NotTCP: Error, CustomStringConvertible {
        let address: String
        var description: String { "expected a TCP address, got \(address)" }
    }
}

/// The parts of one finished call.
struct CallResult {
    var metadata: Metadata?
    var messages: [[UInt8]] = []
    var status: Status?
    var trailers: Metadata?
}

/// Sends `messages` on one stream, half-closes, and collects the response to its status.
/// A failed write stops the sending; the status still comes from the inbound side.
func call(
    _ client: HTTP2ClientTransport, _ messages: [[UInt8]], metadata: Metadata = [:],
    method: String = "Get", options: CallOptions = CallOptions()
) async throws -> CallResult {
    try await client.withStream(descriptor: MethodDescriptor(service: "echo.Echo", method: method), options: options) {
        stream in
        try await stream.outbound.write(.metadata(metadata))
        do {
            for message in messages { try await stream.outbound.write(.message(message)) }
            await stream.outbound.finish()
        } catch {
            // The stream ended early; its status says why.
        }
        var result = CallResult()
        for try await part in stream.inbound {
            switch part {
            case .metadata(let metadata): result.metadata = metadata
            case .message(let bytes): result.messages.append(bytes)
            case .status(let status, let trailers):
                result.status = status
                result.trailers = trailers
            }
        }
        return result
    }
}

/// A value set once by one task and awaited by another.
final class Rendezvous<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, waiters: [CheckedContinuation<Value, Never>])>((nil, []))

    func set(_ value: Value) {
        let waiters = state.withLock { state in
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

extension TestCertificates {
    /// The test server's TLS: its certificate and key, `clients` for client certificates.
    func serverTLS(clients: ClientCertificatePolicy = .none, policy: TLSPolicy = .secure) -> TLSServerConfiguration {
        TLSServerConfiguration(
            certificateChainFile: serverCertificate, privateKeyFile: serverKey, clientCertificates: clients,
            policy: policy)
    }

    /// A client trusting the test CA and expecting the server's name, optionally presenting the
    /// client certificate.
    func clientTLS(presentingCertificate: Bool = false, requiredServerIdentity: String? = nil) -> TLSClientConfiguration
    {
        TLSClientConfiguration(
            trustRoots: .certificateAuthorityFile(certificateAuthority),
            serverNameOverride: TestCertificates.serverName,
            certificate: presentingCertificate ? .init(chainFile: clientCertificate, privateKeyFile: clientKey) : nil,
            requiredServerIdentity: requiredServerIdentity)
    }
}

/// A flag set by one task and awaited, with a time limit, by another.
final class Signal: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .releasing) }

    /// Whether the flag was raised within `timeout`.
    func wait(timeout: Duration = .seconds(5)) async -> Bool {
        (try? await eventually(within: timeout) { raised.load(ordering: .acquiring) }) ?? false
    }
}

/// A count shared by tasks.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() { value.add(1, ordering: .relaxed) }

    var count: Int { value.load(ordering: .relaxed) }
}

/// The distinct values recorded by concurrent tasks.
final class DistinctValues: Sendable {
    private let values = Mutex<Set<String>>([])

    func insert(_ value: String) { values.withLock { _ = $0.insert(value) } }

    var count: Int { values.withLock { $0.count } }
}

import RPCCore

/// The client test cases of the gRPC interop specification (doc/interop-test-descriptions.md
/// in grpc/grpc) that need neither TLS nor credentials. Raw values are the official names
/// passed as `--test_case`.
public enum InteropTestCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// EmptyCall with an empty message succeeds with an empty response.
    case emptyUnary = "empty_unary"
    /// UnaryCall sending 271828 zero bytes gets back 314159 zero bytes.
    case largeUnary = "large_unary"
    /// StreamingInputCall with four payloads gets back their total size, 74922.
    case clientStreaming = "client_streaming"
    /// StreamingOutputCall gets four responses of 31415, 9, 2653 and 58979 bytes.
    case serverStreaming = "server_streaming"
    /// FullDuplexCall alternates four requests and four responses.
    case pingPong = "ping_pong"
    /// FullDuplexCall with no request gets no response.
    case emptyStream = "empty_stream"
    /// FullDuplexCall with a 1 ms timeout ends with DEADLINE_EXCEEDED.
    case timeoutOnSleepingServer = "timeout_on_sleeping_server"
    /// StreamingInputCall cancelled before any message ends with CANCELLED.
    case cancelAfterBegin = "cancel_after_begin"
    /// FullDuplexCall cancelled after its first response ends with CANCELLED.
    case cancelAfterFirstResponse = "cancel_after_first_response"
    /// A status asked for in UnaryCall and FullDuplexCall comes back with its code and message.
    case statusCodeAndMessage = "status_code_and_message"
    /// A status message with whitespace and Unicode comes back unchanged.
    case specialStatusMessage = "special_status_message"
    /// Echoed text and binary metadata arrive in the response headers and trailers.
    case customMetadata = "custom_metadata"
    /// TestService/UnimplementedCall ends with UNIMPLEMENTED.
    case unimplementedMethod = "unimplemented_method"
    /// A call to UnimplementedService ends with UNIMPLEMENTED.
    case unimplementedService = "unimplemented_service"
    /// An uncompressed UnaryCall expected compressed is refused; gzip and plain ones succeed.
    case clientCompressedUnary = "client_compressed_unary"
    /// UnaryCall responses arrive compressed exactly when `response_compressed` asks.
    case serverCompressedUnary = "server_compressed_unary"
    /// A StreamingInputCall's first message goes compressed, its second uncompressed.
    case clientCompressedStreaming = "client_compressed_streaming"
    /// StreamingOutputCall's responses are compressed per `ResponseParameters.compressed`.
    case serverCompressedStreaming = "server_compressed_streaming"

    /// Whether the case checks compressed flags on the wire, which only transports framing
    /// messages (HTTP/2) carry.
    public var usesCompression: Bool {
        switch self {
        case .clientCompressedUnary, .serverCompressedUnary, .clientCompressedStreaming, .serverCompressedStreaming:
            true
        default: false
        }
    }

    /// The official name.
    public var description: String { rawValue }

    /// Runs the case against the interop server `client` talks to; the client's transport
    /// must be running.
    ///
    /// - Throws: ``InteropTestFailure`` naming the assertion that did not hold, or the call
    ///   that failed unexpectedly.
    public func run<Transport: ClientTransport>(using client: RPCClient<Transport>) async throws(InteropTestFailure) {
        let runner = InteropCaseRunner(
            service: Grpc_Testing_TestService.Client(wrapping: client),
            unimplemented: Grpc_Testing_UnimplementedService.Client(wrapping: client))
        do {
            try await runner.run(self)
        } catch let failure as AssertionFailure {
            throw InteropTestFailure(testCase: self, message: failure.message)
        } catch {
            throw InteropTestFailure(testCase: self, message: "a call failed unexpectedly: \(error)")
        }
    }
}

/// Runs the test cases through the generated clients.
struct InteropCaseRunner<Transport: ClientTransport>: Sendable {
    let service: Grpc_Testing_TestService.Client<Transport>
    let unimplemented: Grpc_Testing_UnimplementedService.Client<Transport>

    func run(_ testCase: InteropTestCase) async throws {
        switch testCase {
        case .emptyUnary: try await emptyUnary()
        case .largeUnary: try await largeUnary()
        case .clientStreaming: try await clientStreaming()
        case .serverStreaming: try await serverStreaming()
        case .pingPong: try await pingPong()
        case .emptyStream: try await emptyStream()
        case .timeoutOnSleepingServer: try await timeoutOnSleepingServer()
        case .cancelAfterBegin: try await cancelAfterBegin()
        case .cancelAfterFirstResponse: try await cancelAfterFirstResponse()
        case .statusCodeAndMessage: try await statusCodeAndMessage()
        case .specialStatusMessage: try await specialStatusMessage()
        case .customMetadata: try await customMetadata()
        case .unimplementedMethod: try await unimplementedMethod()
        case .unimplementedService: try await unimplementedService()
        case .clientCompressedUnary: try await clientCompressedUnary()
        case .serverCompressedUnary: try await serverCompressedUnary()
        case .clientCompressedStreaming: try await clientCompressedStreaming()
        case .serverCompressedStreaming: try await serverCompressedStreaming()
        }
    }
}

import Foundation
import RPCCore

/// `grpc.testing.TestService` as the gRPC interop specification describes its server:
/// payloads of the requested sizes (after the requested intervals), echoed status,
/// `x-grpc-test-echo-initial` echoed in the response headers and
/// `x-grpc-test-echo-trailing-bin` in the trailers.
///
/// Compression (the CompressedRequest and CompressedResponse features): a request message
/// with `expect_compressed` true that arrived uncompressed fails with INVALID_ARGUMENT;
/// `response_compressed` (and `ResponseParameters.compressed`) ask for gzip responses, sent
/// compressed when the client accepts gzip. `UnimplementedCall` fails with UNIMPLEMENTED.
public struct InteropTestService: Grpc_Testing_TestService.ServiceProtocol {
    /// What `SimpleResponse.server_id` carries when a request sets `fill_server_id`.
    public let serverID: String

    /// Creates the service.
    public init(serverID: String = "swift-rpc-interop") {
        self.serverID = serverID
    }

    /// Answers with an empty message.
    public func emptyCall(request: ServerRequest<Grpc_Testing_Empty>, context: ServerContext) async throws
        -> ServerResponse<Grpc_Testing_Empty>
    {
        ServerResponse(
            message: Grpc_Testing_Empty(), metadata: EchoedMetadata.initial(from: request.metadata),
            trailingMetadata: EchoedMetadata.trailing(from: request.metadata))
    }

    /// Answers with `response_size` zero bytes, or the requested status.
    ///
    /// - Throws: ``RPCError`` with the echoed status; INVALID_ARGUMENT for a request that
    ///   arrived uncompressed with `expect_compressed`, an unknown payload type or a negative size.
    public func unaryCall(request: ServerRequest<Grpc_Testing_SimpleRequest>, context: ServerContext) async throws
        -> ServerResponse<Grpc_Testing_SimpleResponse>
    {
        let message = request.message
        let trailing = EchoedMetadata.trailing(from: request.metadata)
        try Self.checkCompression(expected: message.expectCompressed, context.compression)
        if let wanted = message.responseCompressed { context.compression.algorithm = wanted.value ? .gzip : .identity }
        if let error = message.responseStatus?.error(trailing: trailing) { throw error }
        var response = Grpc_Testing_SimpleResponse()
        response.payload = try Self.payload(message.responseType, size: message.responseSize)
        if message.fillServerId {
            response.serverId = serverID
            response.hostname = ProcessInfo.processInfo.hostName
        }
        return ServerResponse(
            message: response, metadata: EchoedMetadata.initial(from: request.metadata), trailingMetadata: trailing)
    }

    /// Answers with the current time in nanoseconds as the payload, with headers letting a
    /// caching proxy keep the response for 60 seconds.
    public func cacheableUnaryCall(request: ServerRequest<Grpc_Testing_SimpleRequest>, context: ServerContext)
        async throws
        -> ServerResponse<Grpc_Testing_SimpleResponse>
    {
        let nanoseconds = UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
        var response = Grpc_Testing_SimpleResponse()
        response.payload = Grpc_Testing_Payload(type: .compressable, body: Data(String(nanoseconds).utf8))
        var metadata = EchoedMetadata.initial(from: request.metadata)
        metadata.append("max-age=60, public", forKey: "cache-control")
        return ServerResponse(message: response, metadata: metadata)
    }

    /// Sends one response per response parameter, each after its interval.
    public func streamingOutputCall(
        request: ServerRequest<Grpc_Testing_StreamingOutputCallRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Grpc_Testing_StreamingOutputCallResponse> {
        let trailing = EchoedMetadata.trailing(from: request.metadata)
        let compression = context.compression
        if request.message.responseParameters.contains(where: { $0.compressed?.value == true }) {
            compression.algorithm = .gzip
        }
        return StreamingServerResponse(metadata: EchoedMetadata.initial(from: request.metadata)) { writer in
            try await Self.respond(to: request.message, trailing: trailing, with: writer, compression: compression)
            return trailing
        }
    }

    /// Sums the payload sizes of every request message.
    ///
    /// - Throws: ``RPCError`` INVALID_ARGUMENT when a message that sets `expect_compressed`
    ///   arrived uncompressed.
    public func streamingInputCall(
        request: StreamingServerRequest<Grpc_Testing_StreamingInputCallRequest>, context: ServerContext
    ) async throws -> ServerResponse<Grpc_Testing_StreamingInputCallResponse> {
        var total = 0
        for try await message in request.messages {
            try Self.checkCompression(expected: message.expectCompressed, context.compression)
            total += message.payload?.body.count ?? 0
        }
        var response = Grpc_Testing_StreamingInputCallResponse()
        response.aggregatedPayloadSize = Int32(clamping: total)
        return ServerResponse(
            message: response, metadata: EchoedMetadata.initial(from: request.metadata),
            trailingMetadata: EchoedMetadata.trailing(from: request.metadata))
    }

    /// Answers each request message as it arrives, then ends with OK after the client's end
    /// of stream; a message with a `response_status` ends the call with that status.
    public func fullDuplexCall(
        request: StreamingServerRequest<Grpc_Testing_StreamingOutputCallRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Grpc_Testing_StreamingOutputCallResponse> {
        let trailing = EchoedMetadata.trailing(from: request.metadata)
        return StreamingServerResponse(metadata: EchoedMetadata.initial(from: request.metadata)) { writer in
            for try await message in request.messages {
                try await Self.respond(to: message, trailing: trailing, with: writer)
            }
            return trailing
        }
    }

    /// Reads every request message, then answers them all in order.
    public func halfDuplexCall(
        request: StreamingServerRequest<Grpc_Testing_StreamingOutputCallRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Grpc_Testing_StreamingOutputCallResponse> {
        let trailing = EchoedMetadata.trailing(from: request.metadata)
        return StreamingServerResponse(metadata: EchoedMetadata.initial(from: request.metadata)) { writer in
            var messages: [Grpc_Testing_StreamingOutputCallRequest] = []
            for try await message in request.messages { messages.append(message) }
            for message in messages {
                try await Self.respond(to: message, trailing: trailing, with: writer)
            }
            return trailing
        }
    }

    /// Always fails: the method exists in the service definition so that clients can check
    /// the UNIMPLEMENTED status.
    ///
    /// - Throws: ``RPCError`` UNIMPLEMENTED.
    public func unimplementedCall(request: ServerRequest<Grpc_Testing_Empty>, context: ServerContext) async throws
        -> ServerResponse<Grpc_Testing_Empty>
    {
        throw RPCError(code: .unimplemented, message: "grpc.testing.TestService/UnimplementedCall is not implemented")
    }

    /// Ends the call with the requested status, if any; otherwise sends one response per
    /// response parameter, sleeping each one's interval before it, and compressed unless its
    /// `compressed` is false (when `compression` has an algorithm).
    private static func respond(
        to message: Grpc_Testing_StreamingOutputCallRequest, trailing: Metadata,
        with writer: RPCWriter<Grpc_Testing_StreamingOutputCallResponse>, compression: CallCompression? = nil
    ) async throws {
        if let error = message.responseStatus?.error(trailing: trailing) { throw error }
        for parameters in message.responseParameters {
            if parameters.intervalUs > 0 { try await Task.sleep(for: .microseconds(parameters.intervalUs)) }
            compression?.compressesMessages = parameters.compressed?.value ?? true
            var response = Grpc_Testing_StreamingOutputCallResponse()
            response.payload = try payload(message.responseType, size: parameters.size)
            try await writer.write(response)
        }
    }

    /// A payload of `size` zeros of a supported type.
    ///
    /// - Throws: ``RPCError`` INVALID_ARGUMENT for an unknown type or a negative size.
    private static func payload(_ type: Grpc_Testing_PayloadType, size: Int32) throws(RPCError) -> Grpc_Testing_Payload
    {
        guard type == .compressable else {
            throw RPCError(code: .invalidArgument, message: "unsupported response payload type \(type.rawValue)")
        }
        guard size >= 0 else { throw RPCError(code: .invalidArgument, message: "negative response size \(size)") }
        return .zeros(Int(size))
    }

    /// The CompressedRequest feature: a request message expected compressed that arrived
    /// uncompressed is an INVALID_ARGUMENT.
    private static func checkCompression(expected: Grpc_Testing_BoolValue?, _ compression: CallCompression)
        throws(RPCError)
    {
        if expected?.value == true && !compression.lastReceivedMessageWasCompressed {
            throw RPCError(code: .invalidArgument, message: "expected a compressed request, but it was not compressed")
        }
    }
}

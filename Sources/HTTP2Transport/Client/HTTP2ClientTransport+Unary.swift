import GRPCProtocol
import RPCCore

extension HTTP2ClientTransport: UnaryExchanging {
    /// Makes a unary exchange with one hand-off each way: the request (headers, message, end
    /// of stream) goes to the connection's loop as one job, the loop collects the response as
    /// its frames arrive, and the calling task is resumed once, with all of it. The task
    /// itself never moves to the loop.
    ///
    /// A call with a ``CallOptions/messageCompression`` handle goes through
    /// ``HTTP2ClientTransport/withStream(descriptor:options:_:)`` instead, which reports
    /// per message. The stream opens through ``openStream(waitForReady:picked:_:)``.
    ///
    /// - Throws: as ``ClientTransport/unary(descriptor:options:metadata:message:)``.
    @usableFromInline
    package nonisolated(nonsending) func exchangeUnary(
        descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata, message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        guard options.messageCompression == nil else {
            return try await unaryThroughStream(
                descriptor: descriptor, options: options, metadata: metadata, message: message)
        }
        try admitStream()
        defer { streamEnded() }
        let headers: UnaryRequestHeaders
        if options.deadline == nil, options.compression == .identity, metadata.isEmpty {
            headers = .usual(self, descriptor)
        } else {
            var head = requestHead(descriptor, options)
            head.metadata = metadata
            headers = .fields(head.headerFields)
        }
        let payload = MessageCompressor.compress(message, with: options.compression)
        let compressed = options.compression != .identity
        let maxReceiveMessageSize = options.maxReceiveMessageSize
        return try await openStream(waitForReady: options.waitForReady) { connection in
            let stream = HTTP2ClientStream(
                connection: connection, delivery: .whole, maxReceiveMessageSize: maxReceiveMessageSize)
            let loop = connection.loop
            return await withTaskCancellationHandler {
                await withUnsafeContinuation { caller in
                    loop.runOrExecute {
                        stream.startUnary(headers: headers, message: payload, compressed: compressed, caller: caller)
                    }
                }
            } onCancel: {
                loop.execute { stream.cancelUnary() }
            }
        }
    }
}

extension ClientTransport {
    /// Makes the unary exchange through ``withStream(descriptor:options:_:)``.
    public nonisolated(nonsending) func unary(
        descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata, message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        try await unaryThroughStream(descriptor: descriptor, options: options, metadata: metadata, message: message)
    }

    /// Makes a unary exchange on a stream from ``withStream(descriptor:options:_:)``: writes
    /// the request, then reads the response part by part to its status, checking it with a
    /// ``UnaryResponseAssembler``. What ``unary(descriptor:options:metadata:message:)`` does
    /// unless the transport implements it, and what a transport's own implementation can fall
    /// back to.
    ///
    /// - Throws: as ``unary(descriptor:options:metadata:message:)``.
    public nonisolated(nonsending) func unaryThroughStream(
        descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata, message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        do {
            return try await withStream(descriptor: descriptor, options: options) { stream in
                _ = await stream.sendSingleRequest(metadata: metadata, message: message)
                var parts = stream.inbound.makeAsyncIterator()
                var assembler = UnaryResponseAssembler()
                while let part = try await parts.next(isolation: #isolation) {
                    if let response = try assembler.take(part) { return response }
                }
                throw UnaryResponseAssembler.endedWithoutStatus
            }
        } catch {
            throw callError(error)
        }
    }
}

extension RPCStream where Outbound: ClosableRPCPartWriter<RequestPart> {
    /// Writes a single-message request (the metadata, the message) and ends the request
    /// stream. A write that fails means the stream has ended: the response side then carries
    /// the reason, so the error is only returned, for the caller to log.
    @inlinable
    nonisolated(nonsending) func sendSingleRequest(metadata: Metadata, message: [UInt8]) async -> RPCError? {
        var refused: RPCError?
        do throws(RPCError) {
            try await outbound.write(.metadata(metadata))
            // No await (and none of its cost) when the transport takes the message at once.
            let part = RequestPart.message(message)
            if try !outbound.writeWithoutWaiting(part) { try await outbound.write(part) }
        } catch {
            refused = error
        }
        await outbound.finish()
        return refused
    }
}

/// A client transport that makes a whole unary exchange in one step, with less work per call
/// than a stream: the HTTP/2 transport, which hands the request to its loop as one job and is
/// resumed once with the whole response.
///
/// Package-only: a transport outside the package implements
/// ``ClientTransport/withStream(descriptor:options:_:)``, and unary calls go through it.
@usableFromInline
package protocol UnaryExchanging: ClientTransport {
    /// Makes a unary exchange on a stream of its own: the request headers with `metadata`,
    /// the one request message (`message`, serialized and not yet compressed), the end of the
    /// request, then the whole response (steps 1 to 5 of ``ClientTransport``).
    ///
    /// - Throws: as ``ClientTransport/unary(descriptor:options:metadata:message:)``.
    nonisolated(nonsending) func exchangeUnary(
        descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata, message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response
}

extension ClientTransport {
    /// Makes a unary exchange: in one step on an ``UnaryExchanging`` transport, otherwise
    /// through ``withStream(descriptor:options:_:)``
    /// (``unaryThroughStream(descriptor:options:metadata:message:)``).
    ///
    /// Asks the transport's type, not the transport, so that no existential copy of it is
    /// made; once the caller is specialised for the transport, the casts cost nothing.
    ///
    /// - Throws: ``RPCError``: the server's status when it is not OK; UNAVAILABLE when no
    ///   stream can be opened; CANCELLED when the task is cancelled; INTERNAL for a response
    ///   without exactly one message (see ``UnaryResponseAssembler``).
    @inlinable
    package nonisolated(nonsending) func unary(
        descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata, message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        if let exchangingType = Self.self as? any UnaryExchanging.Type {
            return try await exchangeUnary(
                as: exchangingType, descriptor: descriptor, options: options, metadata: metadata, message: message)
        }
        return try await unaryThroughStream(
            descriptor: descriptor, options: options, metadata: metadata, message: message)
    }

    /// ``UnaryExchanging/exchangeUnary(descriptor:options:metadata:message:)`` on this
    /// transport, whose type is `Exchanging`.
    @inlinable
    nonisolated(nonsending) func exchangeUnary<Exchanging: UnaryExchanging>(
        as _: Exchanging.Type, descriptor: MethodDescriptor, options: CallOptions, metadata: Metadata,
        message: [UInt8]
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        try await (self as! Exchanging).exchangeUnary(
            descriptor: descriptor, options: options, metadata: metadata, message: message)
    }

    /// Makes a unary exchange on a stream from ``withStream(descriptor:options:_:)``: writes
    /// the request, then reads the response part by part to its status, checking it with a
    /// ``UnaryResponseAssembler``. What ``unary(descriptor:options:metadata:message:)`` does
    /// for a transport that is not ``UnaryExchanging``, and what an exchanging transport can
    /// fall back to.
    ///
    /// - Throws: as ``unary(descriptor:options:metadata:message:)``.
    @usableFromInline
    package nonisolated(nonsending) func unaryThroughStream(
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
            try await outbound.write(.message(message))
        } catch {
            refused = error
        }
        await outbound.finish()
        return refused
    }
}

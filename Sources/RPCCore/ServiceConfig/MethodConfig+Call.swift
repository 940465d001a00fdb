extension CallOptions {
    /// The options with a method config applied: the shorter of the call's timeout and the
    /// config's, wait-for-ready when either asks for it, and the smaller of the call's and the
    /// config's response message limits.
    public func applying(_ config: MethodConfig) -> CallOptions {
        var options = self
        if let timeout = config.timeout { options.timeout = options.timeout.map { min($0, timeout) } ?? timeout }
        if config.waitForReady == true { options.waitForReady = true }
        if let limit = config.maxResponseMessageBytes {
            options.maxReceiveMessageSize = min(options.maxReceiveMessageSize, limit)
        }
        return options
    }
}

extension MethodConfig {
    /// Checks a request message's size against ``maxRequestMessageBytes`` before it is sent.
    ///
    /// - Throws: ``RPCError`` (RESOURCE_EXHAUSTED) when the message is larger.
    @inlinable
    public func checkRequestSize(_ size: Int) throws(RPCError) {
        guard let limit = maxRequestMessageBytes, size > limit else { return }
        throw RPCError(
            code: .resourceExhausted,
            message: "the request message is \(size) bytes, over the service config's limit of \(limit)")
    }
}

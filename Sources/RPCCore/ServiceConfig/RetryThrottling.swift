/// The retry throttling of gRFC A6, shared by every call to one target: the client holds up to
/// ``maxTokens`` tokens (full at first); each call that fails with a retryable status, or with
/// pushback, takes one, each success gives back ``tokenRatio``, and a retry may start only
/// while more than half of ``maxTokens`` is left.
public struct RetryThrottling: Sendable, Hashable {
    /// The tokens held when full (1 to 1000).
    public let maxTokens: Int
    /// What one success gives back (above zero; three decimal places count).
    public let tokenRatio: Double

    /// Creates a throttling policy.
    ///
    /// - Throws: ``ServiceConfigError`` when `maxTokens` is outside 1…1000 or `tokenRatio` is
    ///   not above zero.
    public init(maxTokens: Int, tokenRatio: Double, path: String = "retryThrottling") throws(ServiceConfigError) {
        guard (1...1000).contains(maxTokens) else {
            throw ServiceConfigError(path: path + ".maxTokens", "must be between 1 and 1000, not \(maxTokens)")
        }
        let ratio = (tokenRatio * 1000).rounded(.down) / 1000
        guard ratio > 0, ratio.isFinite else {
            throw ServiceConfigError(path: path + ".tokenRatio", "must be at least 0.001, not \(tokenRatio)")
        }
        self.maxTokens = maxTokens
        self.tokenRatio = ratio
    }
}

import PinitProtos
import RPCCore

/// The service config of pinit's calls to its peer service (the relay's to the notification
/// service, the confirmations to the task service): a call that ends UNAVAILABLE before the
/// peer answered (a replica restarting, a connection lost) is tried again up to three times,
/// after a jittered backoff from 100 ms to 1 s, throttled when most calls fail; the relay's
/// streams too, until their first response commits them.
enum PeerServiceConfig {
    /// The config for calls to `service` (its fully qualified name).
    static func retryingUnavailable(for service: String) throws -> ServiceConfig {
        try ServiceConfig(
            methodConfigs: [
                MethodConfig(
                    names: [try MethodConfig.Name(service: service)],
                    retryPolicy: try RetryPolicy(
                        maxAttempts: 4, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1),
                        backoffMultiplier: 2, retryableStatusCodes: [.unavailable]))
            ], retryThrottling: try RetryThrottling(maxTokens: 10, tokenRatio: 0.1))
    }
}

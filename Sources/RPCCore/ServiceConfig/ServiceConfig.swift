/// gRPC's service config for one client: per-method timeouts, wait-for-ready, message size
/// limits and retry policies, retry throttling, and the load balancing policy.
///
/// Build one as a value, or parse gRPC's JSON form with `ServiceConfig(json:)` (module
/// `ServiceConfigJSON`):
///
/// ```swift
/// let config = try ServiceConfig(methodConfigs: [
///     MethodConfig(names: [try .init(service: "pinit.v1.TaskService")], timeout: .seconds(5),
///                  retryPolicy: try RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(100),
///                                               maxBackoff: .seconds(2), backoffMultiplier: 2,
///                                               retryableStatusCodes: [.unavailable])),
/// ])
/// ```
public struct ServiceConfig: Sendable, Hashable {
    /// The method configs; a method uses the most specific one naming it.
    public let methodConfigs: [MethodConfig]
    /// Retry throttling for every call of the client; `nil` retries without throttling.
    public let retryThrottling: RetryThrottling?
    /// How calls are spread over the target's addresses; `nil` leaves the channel's own
    /// policy (for the HTTP/2 transport, round-robin over every address).
    public let loadBalancing: LoadBalancingPolicy?

    private let byName: [MethodConfig.Name: Int]

    /// Creates a config.
    ///
    /// - Throws: ``ServiceConfigError`` when two method configs name the same methods.
    public init(
        methodConfigs: [MethodConfig] = [], retryThrottling: RetryThrottling? = nil,
        loadBalancing: LoadBalancingPolicy? = nil
    ) throws(ServiceConfigError) {
        var byName: [MethodConfig.Name: Int] = [:]
        for (index, config) in methodConfigs.enumerated() {
            for name in config.names {
                if let earlier = byName[name] {
                    throw ServiceConfigError(
                        path: "methodConfig[\(index)].name", "\(name) is named by methodConfig[\(earlier)] already")
                }
                byName[name] = index
            }
        }
        self.methodConfigs = methodConfigs
        self.retryThrottling = retryThrottling
        self.loadBalancing = loadBalancing
        self.byName = byName
    }

    /// The config for `method`: the one naming the method, else the one naming its service,
    /// else the one naming every method, else `nil`.
    public func methodConfig(for method: MethodDescriptor) -> MethodConfig? {
        let service = method.service
        for name in [
            MethodConfig.Name(key: service, method.method), MethodConfig.Name(key: service, ""),
            MethodConfig.Name(key: "", ""),
        ] {
            if let index = byName[name] { return methodConfigs[index] }
        }
        return nil
    }
}

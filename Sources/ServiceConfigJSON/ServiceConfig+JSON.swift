import DynamicProto
import ProtoCodec
import ProtoDescriptors
import ProtoJSON
import RPCCore

extension ServiceConfig {
    /// Parses gRPC's JSON service config, as grpc-go, grpc-java and grpc-core take it:
    ///
    /// ```json
    /// {"methodConfig": [{"name": [{"service": "pinit.v1.TaskService"}], "timeout": "5s",
    ///   "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "2s",
    ///                   "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}],
    ///  "retryThrottling": {"maxTokens": 10, "tokenRatio": 0.1},
    ///  "loadBalancingConfig": [{"round_robin": {}}]}
    /// ```
    ///
    /// Fields this client does not act on are ignored, as gRPC ignores unknown fields; a load
    /// balancing policy it does not know is skipped for the next one listed.
    ///
    /// - Throws: ``ServiceConfigError`` naming the JSON path of the first problem: malformed
    ///   JSON, a value of the wrong type, a duration or status code that does not parse, a
    ///   required retry field missing or out of range, two configs for one method, a hedging
    ///   policy (not supported), or no load balancing policy this client knows.
    public init(json: String) throws(ServiceConfigError) {
        let message: Grpc_ServiceConfig_ServiceConfig
        do {
            message = try ServiceConfigSchema.codec.decode(
                json, as: Grpc_ServiceConfig_ServiceConfig.self, options: JSONParseOptions(ignoreUnknownFields: true))
        } catch {
            throw ServiceConfigError(
                path: String(error.path.drop { $0 == "." }),
                "\(error.message) (line \(error.line), column \(error.column))")
        }
        try self.init(
            methodConfigs: try message.methodConfig.enumerated().map { index, config throws(ServiceConfigError) in
                try MethodConfig(config, path: "methodConfig[\(index)]")
            },
            retryThrottling: try message.retryThrottling.map { throttling throws(ServiceConfigError) in
                try RetryThrottling(maxTokens: Int(throttling.maxTokens), tokenRatio: Double(throttling.tokenRatio))
            },
            loadBalancing: try LoadBalancingPolicy.chosen(by: message))
    }
}

/// The descriptors the JSON is read against: the generated files' own.
enum ServiceConfigSchema {
    static let codec: JSONCodec = {
        let serialized =
            Grpc_ServiceConfig_ServiceConfig_FileDescriptor.dependencies
            + [Grpc_ServiceConfig_ServiceConfig_FileDescriptor.serialized]
        do {
            return JSONCodec(
                pool: try DescriptorPool(files: try serialized.map { try FileDescriptorProto(serializedBytes: $0) }))
        } catch {
            fatalError("the generated service config descriptors do not load: \(error)")
        }
    }()
}

extension MethodConfig {
    init(_ config: Grpc_ServiceConfig_MethodConfig, path: String) throws(ServiceConfigError) {
        let names = try config.name.enumerated().map { index, name throws(ServiceConfigError) in
            try Name(service: name.service, method: name.method, path: "\(path).name[\(index)]")
        }
        let retryPolicy: RetryPolicy?
        switch config.retryOrHedgingPolicy {
        case .retryPolicy(let policy):
            retryPolicy = try RetryPolicy(
                maxAttempts: Int(policy.maxAttempts),
                initialBackoff: try Self.positive(policy.initialBackoff, path: "\(path).retryPolicy.initialBackoff"),
                maxBackoff: try Self.positive(policy.maxBackoff, path: "\(path).retryPolicy.maxBackoff"),
                backoffMultiplier: Double(policy.backoffMultiplier),
                retryableStatusCodes: Set(
                    try policy.retryableStatusCodes.enumerated().map { index, code throws(ServiceConfigError) in
                        try StatusCode(code, path: "\(path).retryPolicy.retryableStatusCodes[\(index)]")
                    }),
                path: "\(path).retryPolicy")
        case .hedgingPolicy:
            throw ServiceConfigError(path: "\(path).hedgingPolicy", "hedging is not supported; use a retryPolicy")
        case nil:
            retryPolicy = nil
        }
        self.init(
            names: names, timeout: config.timeout.map(Self.duration), waitForReady: config.waitForReady?.value,
            maxRequestMessageBytes: config.maxRequestMessageBytes.map { Int($0.value) },
            maxResponseMessageBytes: config.maxResponseMessageBytes.map { Int($0.value) }, retryPolicy: retryPolicy)
    }

    private static func duration(_ value: Google_Protobuf_Duration) -> Duration {
        .seconds(value.seconds) + .nanoseconds(Int64(value.nanos))
    }

    private static func positive(_ value: Google_Protobuf_Duration?, path: String) throws(ServiceConfigError)
        -> Duration
    {
        guard let value else { throw ServiceConfigError(path: path, "is required") }
        return duration(value)
    }
}

extension StatusCode {
    /// A status code as a service config names it (`"UNAVAILABLE"`).
    init(_ name: String, path: String) throws(ServiceConfigError) {
        guard let code = StatusCode.allCases.first(where: { $0.name == name }) else {
            throw ServiceConfigError(path: path, "\"\(name)\" is not a status code name such as \"UNAVAILABLE\"")
        }
        self = code
    }
}

extension LoadBalancingPolicy {
    /// The first policy of `loadBalancingConfig` this client knows, else the older
    /// `loadBalancingPolicy` name, else `nil` (the channel's own).
    static func chosen(by config: Grpc_ServiceConfig_ServiceConfig) throws(ServiceConfigError) -> LoadBalancingPolicy? {
        if !config.loadBalancingConfig.isEmpty {
            for entry in config.loadBalancingConfig {
                switch entry.policy {
                case .pickFirst: return .pickFirst
                case .roundRobin: return .roundRobin
                case nil: continue
                }
            }
            throw ServiceConfigError(
                path: "loadBalancingConfig", "names no policy this client supports (pick_first, round_robin)")
        }
        if config.loadBalancingPolicy.isEmpty { return nil }
        guard let policy = LoadBalancingPolicy(rawValue: config.loadBalancingPolicy.lowercased()) else {
            throw ServiceConfigError(
                path: "loadBalancingPolicy", "\"\(config.loadBalancingPolicy)\" is not pick_first or round_robin")
        }
        return policy
    }
}

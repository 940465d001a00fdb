import RPCCore
import ServiceConfigJSON
import Testing

@Suite("Service configs in gRPC's JSON form")
struct ServiceConfigParsingTests {
    private let full = """
        {
          "loadBalancingConfig": [{"weighted_round_robin": {}}, {"round_robin": {}}],
          "methodConfig": [
            {"name": [{"service": "pinit.v1.TaskService", "method": "CreateSchedule"}],
             "timeout": "1.5s", "waitForReady": true, "maxRequestMessageBytes": 1024, "maxResponseMessageBytes": 2048,
             "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "2s", "backoffMultiplier": 1.5,
                             "retryableStatusCodes": ["UNAVAILABLE", "DEADLINE_EXCEEDED"]}},
            {"name": [{"service": "pinit.v1.TaskService"}], "timeout": "10s"},
            {"name": [{}], "waitForReady": false, "someFutureField": {"x": 1}}
          ],
          "retryThrottling": {"maxTokens": 10, "tokenRatio": 0.1234},
          "healthCheckConfig": {"serviceName": "x"}
        }
        """

    @Test("every field is read, unknown fields and policies are skipped")
    func readsEveryField() throws {
        let config = try ServiceConfig(json: full)
        #expect(config.loadBalancing == .roundRobin)
        #expect(config.retryThrottling == (try RetryThrottling(maxTokens: 10, tokenRatio: 0.123)))
        let create = try #require(
            config.methodConfig(for: MethodDescriptor(service: "pinit.v1.TaskService", method: "CreateSchedule")))
        #expect(create.timeout == .milliseconds(1500))
        #expect(create.waitForReady == true)
        #expect(create.maxRequestMessageBytes == 1024)
        #expect(create.maxResponseMessageBytes == 2048)
        let retry = try #require(create.retryPolicy)
        #expect(retry.maxAttempts == 4)
        #expect(retry.initialBackoff == .milliseconds(100))
        #expect(retry.maxBackoff == .seconds(2))
        #expect(retry.backoffMultiplier == 1.5)
        #expect(retry.retryableStatusCodes == [.unavailable, .deadlineExceeded])
    }

    @Test("a method takes its own config, else its service's, else the default one")
    func precedence() throws {
        let config = try ServiceConfig(json: full)
        let start = config.methodConfig(for: MethodDescriptor(service: "pinit.v1.TaskService", method: "StartSchedule"))
        #expect(start?.timeout == .seconds(10))
        let other = config.methodConfig(
            for: MethodDescriptor(service: "pinit.v1.NotificationService", method: "RegisterDevice"))
        #expect(other?.waitForReady == false)
        #expect(other?.timeout == nil)
        #expect(try ServiceConfig(json: "{}").methodConfig(for: MethodDescriptor(service: "a.B", method: "C")) == nil)
    }

    @Test("snake_case names, the older loadBalancingPolicy, and more than five attempts counted as five")
    func alternativeForms() throws {
        let config = try ServiceConfig(
            json: """
                {"loadBalancingPolicy": "ROUND_ROBIN", "method_config": [{"name": [{"service": "a.B"}],
                 "retry_policy": {"max_attempts": 9, "initial_backoff": "1s", "max_backoff": "1s", "backoff_multiplier": 2,
                                  "retryable_status_codes": ["RESOURCE_EXHAUSTED"]}}]}
                """)
        #expect(config.loadBalancing == .roundRobin)
        #expect(config.methodConfigs.first?.retryPolicy?.maxAttempts == 5)
        #expect(try ServiceConfig(json: "{}").loadBalancing == nil)
        #expect(try ServiceConfig(json: #"{"loadBalancingConfig": [{"pick_first": {}}]}"#).loadBalancing == .pickFirst)
    }

    @Test("the backoff bound grows by the multiplier up to the maximum, and the wait stays under it")
    func backoff() throws {
        let policy = try RetryPolicy(
            maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(350), backoffMultiplier: 2,
            retryableStatusCodes: [.unavailable])
        #expect(
            (1...4).map { policy.backoffBound(beforeRetry: $0) } == [
                .milliseconds(100), .milliseconds(200), .milliseconds(350), .milliseconds(350),
            ])
        for _ in 0..<100 { #expect(policy.backoff(beforeRetry: 2) <= .milliseconds(200)) }
    }

    static let badConfigs: [(json: String, path: String)] = [
        ("{\"methodConfig\": [", ""),
        ("[]", ""),
        ("{\"methodConfig\": {}}", "methodConfig"),
        (#"{"methodConfig": [{"name": [{"service": "a.B"}], "timeout": "5"}]}"#, "methodConfig[0].timeout"),
        (
            retry(
                #""maxAttempts": 1, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]"#
            ),
            "methodConfig[0].retryPolicy.maxAttempts"
        ),
        (
            retry(
                #""maxAttempts": 3, "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]"#
            ),
            "methodConfig[0].retryPolicy.initialBackoff"
        ),
        (
            retry(
                #""maxAttempts": 3, "initialBackoff": "0s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]"#
            ),
            "methodConfig[0].retryPolicy.initialBackoff"
        ),
        (
            retry(
                #""maxAttempts": 3, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 0, "retryableStatusCodes": ["UNAVAILABLE"]"#
            ),
            "methodConfig[0].retryPolicy.backoffMultiplier"
        ),
        (
            retry(
                #""maxAttempts": 3, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": []"#
            ),
            "methodConfig[0].retryPolicy.retryableStatusCodes"
        ),
        (
            retry(
                #""maxAttempts": 3, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE", "NOPE"]"#
            ),
            "methodConfig[0].retryPolicy.retryableStatusCodes[1]"
        ),
        (
            retry(
                #""maxAttempts": 3, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["OK"]"#
            ),
            "methodConfig[0].retryPolicy.retryableStatusCodes"
        ),
        (
            #"{"methodConfig": [{"name": [{"service": "a.B"}]}, {"name": [{"service": "a.B"}]}]}"#,
            "methodConfig[1].name"
        ),
        (#"{"methodConfig": [{"name": [{"method": "C"}]}]}"#, "methodConfig[0].name[0]"),
        (#"{"methodConfig": [{"name": [{}], "hedgingPolicy": {"maxAttempts": 2}}]}"#, "methodConfig[0].hedgingPolicy"),
        (#"{"loadBalancingConfig": [{"weighted_round_robin": {}}]}"#, "loadBalancingConfig"),
        (#"{"loadBalancingPolicy": "least_busy"}"#, "loadBalancingPolicy"),
        (#"{"retryThrottling": {"maxTokens": 0, "tokenRatio": 1}}"#, "retryThrottling.maxTokens"),
        (#"{"retryThrottling": {"maxTokens": 1001, "tokenRatio": 1}}"#, "retryThrottling.maxTokens"),
        (#"{"retryThrottling": {"maxTokens": 10, "tokenRatio": 0.0001}}"#, "retryThrottling.tokenRatio"),
    ]

    private static func retry(_ policy: String) -> String {
        #"{"methodConfig": [{"name": [{"service": "a.B"}], "retryPolicy": {"# + policy + "}}]}"
    }

    @Test("a bad config is refused with the JSON path of the problem", arguments: badConfigs)
    func refusesBadConfigs(json: String, path: String) {
        #expect {
            try ServiceConfig(json: json)
        } throws: { error in
            guard let error = error as? ServiceConfigError else { return false }
            return error.path == path && !error.message.isEmpty && error.description.hasPrefix("invalid service config")
        }
    }
}

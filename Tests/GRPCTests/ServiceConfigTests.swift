import SwiftGRPC
import Testing

/// The service config JSON as grpc-go and gRPC C++ read it: values, lookup precedence, and an
/// error naming the field for each way a config can be wrong.
@Suite
struct ServiceConfigTests {
    static let full = """
        {
          "loadBalancingConfig": [{"round_robin": {}}, {"pick_first": {"shuffleAddressList": true}}],
          "methodConfig": [
            {
              "name": [{"service": "echo.Echo", "method": "Get"}, {"service": "echo.Echo", "method": "Update"}],
              "timeout": "1.5s",
              "waitForReady": true,
              "maxRequestMessageBytes": 1024,
              "maxResponseMessageBytes": "4194304",
              "retryPolicy": {
                "maxAttempts": 4,
                "initialBackoff": "0.1s",
                "maxBackoff": "1s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE", "resource_exhausted", 4]
              }
            },
            {
              "name": [{"service": "echo.Echo"}],
              "timeout": "10s",
              "hedgingPolicy": {
                "maxAttempts": 3,
                "hedgingDelay": "0.5s",
                "nonFatalStatusCodes": ["UNAVAILABLE"]
              }
            },
            {
              "name": [{}],
              "waitForReady": false
            }
          ],
          "retryThrottling": {"maxTokens": 10, "tokenRatio": 0.1},
          "someFutureField": {"anything": [1, 2, 3]}
        }
        """

    @Test
    func aGrpcGoStyleConfigParsesToItsValues() throws {
        let config = try ServiceConfig(json: Self.full)
        #expect(config.loadBalancingConfig == [
            LoadBalancingConfigEntry(name: "round_robin", configJSON: "{}"),
            LoadBalancingConfigEntry(name: "pick_first", configJSON: #"{"shuffleAddressList":true}"#),
        ])
        #expect(config.methodConfigs.count == 3)
        #expect(config.retryThrottling == RetryThrottling(maxTokens: 10, tokenRatio: 0.1))

        let get = config.methodConfigs[0]
        #expect(get.names == [MethodConfig.Name(service: "echo.Echo", method: "Get"), MethodConfig.Name(service: "echo.Echo", method: "Update")])
        #expect(get.timeout == .milliseconds(1500))
        #expect(get.waitForReady == true)
        #expect(get.maxRequestMessageBytes == 1024)
        #expect(get.maxResponseMessageBytes == 4_194_304)
        #expect(get.retryPolicy == RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1),
                                               backoffMultiplier: 2, retryableStatusCodes: [.unavailable, .resourceExhausted, .deadlineExceeded]))
        #expect(get.hedgingPolicy == nil)

        let service = config.methodConfigs[1]
        #expect(service.names == [MethodConfig.Name(service: "echo.Echo")])
        #expect(service.timeout == .seconds(10))
        #expect(service.retryPolicy == nil)
        #expect(service.hedgingPolicy == HedgingPolicy(maxAttempts: 3, hedgingDelay: .milliseconds(500), nonFatalStatusCodes: [.unavailable]))

        let fallback = config.methodConfigs[2]
        #expect(fallback.names == [MethodConfig.Name()])
        #expect(fallback.waitForReady == false)
        #expect(fallback.timeout == nil && fallback.maxRequestMessageBytes == nil && fallback.retryPolicy == nil)
    }

    @Test
    func lookupPrefersTheMethodThenTheServiceThenTheDefault() throws {
        let config = try ServiceConfig(json: Self.full)
        #expect(config.methodConfig(forPath: "/echo.Echo/Get")?.timeout == .milliseconds(1500))
        #expect(config.methodConfig(forPath: "/echo.Echo/Update")?.timeout == .milliseconds(1500))
        #expect(config.methodConfig(forPath: "/echo.Echo/Expand")?.timeout == .seconds(10))
        #expect(config.methodConfig(forPath: "/other.Service/Get")?.waitForReady == false)
        #expect(config.methodConfig(forPath: "/echo.Echo2/Get")?.waitForReady == false)

        let withoutDefault = try ServiceConfig(json: """
            {"methodConfig": [{"name": [{"service": "a.A", "method": "M"}], "timeout": "1s"},
                              {"name": [{"service": "b.B", "method": ""}], "timeout": "2s"}]}
            """)
        #expect(withoutDefault.methodConfig(forPath: "/a.A/M")?.timeout == .seconds(1))
        #expect(withoutDefault.methodConfig(forPath: "/a.A/N") == nil)
        #expect(withoutDefault.methodConfig(forPath: "/b.B/Anything")?.timeout == .seconds(2))
        #expect(withoutDefault.methodConfig(forPath: "/c.C/M") == nil)
        #expect(withoutDefault.methodConfig(forPath: "nonsense") == nil)
    }

    @Test
    func anEmptyServiceIsTheDefaultEntry() throws {
        let config = try ServiceConfig(json: #"{"methodConfig": [{"name": [{"service": ""}], "timeout": "3s"}]}"#)
        #expect(config.methodConfig(forPath: "/any.Service/Any")?.timeout == .seconds(3))
    }

    @Test
    func settingMethodConfigsInCodeReindexesTheLookup() {
        var config = ServiceConfig()
        #expect(config.methodConfig(forPath: "/a.A/M") == nil)
        config.methodConfigs = [MethodConfig(names: [MethodConfig.Name(service: "a.A")], waitForReady: true)]
        #expect(config.methodConfig(forPath: "/a.A/M")?.waitForReady == true)
        #expect(config.methodConfig(forPath: "/b.B/M") == nil)
    }

    @Test
    func anEmptyConfigHasNothing() throws {
        for config in [ServiceConfig(), try ServiceConfig(json: "{}")] {
            #expect(config.loadBalancingConfig.isEmpty)
            #expect(config.methodConfigs.isEmpty)
            #expect(config.retryThrottling == nil)
            #expect(config.methodConfig(forPath: "/a.A/M") == nil)
        }
    }

    @Test
    func theDeprecatedLoadBalancingPolicyBecomesOneLowercasedEntry() throws {
        for spelling in ["ROUND_ROBIN", "round_robin", "Round_Robin"] {
            let config = try ServiceConfig(json: #"{"loadBalancingPolicy": "\#(spelling)"}"#)
            #expect(config.loadBalancingConfig == [LoadBalancingConfigEntry(name: "round_robin", configJSON: "{}")])
        }
        let both = try ServiceConfig(json: #"{"loadBalancingPolicy": "ROUND_ROBIN", "loadBalancingConfig": [{"pick_first": {}}]}"#)
        #expect(both.loadBalancingConfig == [LoadBalancingConfigEntry(name: "pick_first", configJSON: "{}")])
    }

    @Test
    func attemptsAboveFiveAreReadAsFive() throws {
        let config = try ServiceConfig(json: """
            {"methodConfig": [
              {"name": [{"service": "a.A"}], "retryPolicy": {"maxAttempts": 7, "initialBackoff": "1s", "maxBackoff": "2s",
                                                            "backoffMultiplier": 1.5, "retryableStatusCodes": [14]}},
              {"name": [{"service": "b.B"}], "hedgingPolicy": {"maxAttempts": 9}}
            ]}
            """)
        #expect(config.methodConfigs[0].retryPolicy?.maxAttempts == 5)
        #expect(config.methodConfigs[1].hedgingPolicy == HedgingPolicy(maxAttempts: 5, hedgingDelay: .zero, nonFatalStatusCodes: []))
    }

    @Test(arguments: [
        ("0.5s", Duration.milliseconds(500)),
        ("1s", .seconds(1)),
        ("0.000000001s", .nanoseconds(1)),
        ("0.000001s", .microseconds(1)),
        ("100.25s", .milliseconds(100_250)),
        ("0s", .zero),
    ])
    func durationsInProtobufsJSONForm(text: String, expected: Duration) throws {
        let config = try ServiceConfig(json: #"{"methodConfig": [{"name": [{}], "timeout": "\#(text)"}]}"#)
        #expect(config.methodConfigs[0].timeout == expected)
    }

    @Test
    func tokenRatioKeepsThreeDecimalPlaces() throws {
        let ratios: [(String, Double)] = [("0.29", 0.29), ("1.23456", 1.234), ("2", 2), ("\"0.5\"", 0.5)]
        for (text, expected) in ratios {
            let config = try ServiceConfig(json: #"{"retryThrottling": {"maxTokens": 1000, "tokenRatio": \#(text)}}"#)
            #expect(config.retryThrottling?.tokenRatio == expected, "tokenRatio \(text)")
        }
    }

    // MARK: - Errors

    /// Each bad config, the field path its error must name, and a word of what is wrong.
    static let badConfigs: [(json: String, path: String, problem: String)] = [
        (#"[]"#, "service config: must be an object", "array"),
        (#"{"methodConfig": {}}"#, "methodConfig", "must be an array"),
        (#"{"methodConfig": [3]}"#, "methodConfig[0]", "must be an object"),
        (#"{"methodConfig": [{"name": {"service": "a.A"}}]}"#, "methodConfig[0].name", "must be an array"),
        (#"{"methodConfig": [{"name": [{"service": 5}]}]}"#, "methodConfig[0].name[0].service", "must be a string"),
        (#"{"methodConfig": [{"name": [{"method": "M"}]}]}"#, "methodConfig[0].name[0]", "without a service"),
        (#"{"methodConfig": [{"name": [{"service": "a.A", "method": "M"}]}, {"name": [{"service": "b.B"}, {"service": "a.A", "method": "M"}]}]}"#,
         "methodConfig[1].name[1]", "duplicate name \"a.A/M\" (first in methodConfig[0])"),
        (#"{"methodConfig": [{"name": [{"service": "a.A"}]}, {"name": [{"service": "a.A", "method": ""}]}]}"#,
         "methodConfig[1].name[0]", "duplicate name"),
        (#"{"methodConfig": [{"name": [{}]}, {"name": [{"service": ""}]}]}"#, "methodConfig[1].name[0]", "duplicate name the default"),
        (#"{"methodConfig": [{"timeout": "10"}]}"#, "methodConfig[0].timeout", #"is not a duration like "1.5s""#),
        (#"{"methodConfig": [{"timeout": "1m"}]}"#, "methodConfig[0].timeout", #""1m" is not a duration like "1.5s""#),
        (#"{"methodConfig": [{"timeout": 10}]}"#, "methodConfig[0].timeout", #"10 is not a duration like "1.5s""#),
        (#"{"methodConfig": [{"timeout": "1.2.3s"}]}"#, "methodConfig[0].timeout", "is not a duration"),
        (#"{"methodConfig": [{"timeout": "1.0000000001s"}]}"#, "methodConfig[0].timeout", "is not a duration"),
        (#"{"methodConfig": [{"timeout": ".5s"}]}"#, "methodConfig[0].timeout", "is not a duration"),
        (#"{"methodConfig": [{"timeout": "-1s"}]}"#, "methodConfig[0].timeout", "must not be negative"),
        (#"{"methodConfig": [{"waitForReady": "yes"}]}"#, "methodConfig[0].waitForReady", "must be a boolean, not a string"),
        (#"{"methodConfig": [{"maxRequestMessageBytes": -1}]}"#, "methodConfig[0].maxRequestMessageBytes", "must not be negative"),
        (#"{"methodConfig": [{"maxResponseMessageBytes": "12ab"}]}"#, "methodConfig[0].maxResponseMessageBytes", "is not an integer"),
        (#"{"methodConfig": [{"maxResponseMessageBytes": 1.5}]}"#, "methodConfig[0].maxResponseMessageBytes", "is not an integer"),
        (#"{"methodConfig": [{"maxResponseMessageBytes": true}]}"#, "methodConfig[0].maxResponseMessageBytes", "must be an integer"),
        (retry(#""maxAttempts": 1"#), "methodConfig[0].retryPolicy.maxAttempts", "must be at least 2"),
        (retry(#""maxAttempts": "many""#), "methodConfig[0].retryPolicy.maxAttempts", "is not an integer"),
        (retry(nil, removing: "maxAttempts"), "methodConfig[0].retryPolicy.maxAttempts", "is required"),
        (retry(#""initialBackoff": "0s""#), "methodConfig[0].retryPolicy.initialBackoff", "must be greater than 0s"),
        (retry(#""initialBackoff": "-1s""#), "methodConfig[0].retryPolicy.initialBackoff", "must be greater than 0s"),
        (retry(#""initialBackoff": 1"#), "methodConfig[0].retryPolicy.initialBackoff", "is not a duration"),
        (retry(#""maxBackoff": "0s""#), "methodConfig[0].retryPolicy.maxBackoff", "must be greater than 0s"),
        (retry(nil, removing: "maxBackoff"), "methodConfig[0].retryPolicy.maxBackoff", "is required"),
        (retry(#""backoffMultiplier": 0"#), "methodConfig[0].retryPolicy.backoffMultiplier", "must be greater than 0"),
        (retry(#""backoffMultiplier": "fast""#), "methodConfig[0].retryPolicy.backoffMultiplier", "is not a number"),
        (retry(#""retryableStatusCodes": []"#), "methodConfig[0].retryPolicy.retryableStatusCodes", "must not be empty"),
        (retry(#""retryableStatusCodes": "UNAVAILABLE""#), "methodConfig[0].retryPolicy.retryableStatusCodes", "must be an array"),
        (retry(#""retryableStatusCodes": ["UNAVAILABLE", "UNAVALABLE"]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[1]",
         #"unknown status code "UNAVALABLE""#),
        (retry(#""retryableStatusCodes": [17]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[0]", "unknown status code 17"),
        (retry(#""retryableStatusCodes": [1.5]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[0]", "unknown status code"),
        (retry(#""retryableStatusCodes": ["OK"]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[0]", "OK is not a failure"),
        (retry(#""retryableStatusCodes": [0]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[0]", "OK is not a failure"),
        (retry(#""retryableStatusCodes": [true]"#), "methodConfig[0].retryPolicy.retryableStatusCodes[0]", "must be a status code"),
        (#"{"methodConfig": [{"retryPolicy": 4}]}"#, "methodConfig[0].retryPolicy", "must be an object"),
        (#"{"methodConfig": [{"hedgingPolicy": {"maxAttempts": 1}}]}"#, "methodConfig[0].hedgingPolicy.maxAttempts", "must be at least 2"),
        (#"{"methodConfig": [{"hedgingPolicy": {}}]}"#, "methodConfig[0].hedgingPolicy.maxAttempts", "is required"),
        (#"{"methodConfig": [{"hedgingPolicy": {"maxAttempts": 2, "hedgingDelay": "-0.5s"}}]}"#,
         "methodConfig[0].hedgingPolicy.hedgingDelay", "must not be negative"),
        (#"{"methodConfig": [{"hedgingPolicy": {"maxAttempts": 2, "hedgingDelay": "5"}}]}"#,
         "methodConfig[0].hedgingPolicy.hedgingDelay", "is not a duration"),
        (#"{"methodConfig": [{"hedgingPolicy": {"maxAttempts": 2, "nonFatalStatusCodes": ["NOPE"]}}]}"#,
         "methodConfig[0].hedgingPolicy.nonFatalStatusCodes[0]", #"unknown status code "NOPE""#),
        (#"{"methodConfig": [{}, {"hedgingPolicy": {"maxAttempts": 2}, "retryPolicy": {"maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 1, "retryableStatusCodes": [14]}}]}"#,
         "methodConfig[1].hedgingPolicy", "cannot be set together with retryPolicy"),
        (#"{"loadBalancingConfig": {"round_robin": {}}}"#, "loadBalancingConfig", "must be an array"),
        (#"{"loadBalancingConfig": []}"#, "loadBalancingConfig", "must not be empty"),
        (#"{"loadBalancingConfig": [{"round_robin": {}}, "pick_first"]}"#, "loadBalancingConfig[1]", "must be an object"),
        (#"{"loadBalancingConfig": [{"round_robin": {}}, {}]}"#, "loadBalancingConfig[1]", "exactly one member"),
        (#"{"loadBalancingConfig": [{"round_robin": {}, "pick_first": {}}]}"#, "loadBalancingConfig[0]", "exactly one member"),
        (#"{"loadBalancingConfig": [{"round_robin": []}]}"#, "loadBalancingConfig[0].round_robin", "must be an object"),
        (#"{"loadBalancingConfig": [{"": {}}]}"#, "loadBalancingConfig[0]", "policy name must not be empty"),
        (#"{"loadBalancingPolicy": 1}"#, "loadBalancingPolicy", "must be a string"),
        (#"{"loadBalancingPolicy": ""}"#, "loadBalancingPolicy", "must not be empty"),
        (#"{"retryThrottling": {"maxTokens": 0, "tokenRatio": 1}}"#, "retryThrottling.maxTokens", "must be from 1 to 1000"),
        (#"{"retryThrottling": {"maxTokens": 1001, "tokenRatio": 1}}"#, "retryThrottling.maxTokens", "must be from 1 to 1000"),
        (#"{"retryThrottling": {"maxTokens": 2.5, "tokenRatio": 1}}"#, "retryThrottling.maxTokens", "is not an integer"),
        (#"{"retryThrottling": {"tokenRatio": 1}}"#, "retryThrottling.maxTokens", "is required"),
        (#"{"retryThrottling": {"maxTokens": 10, "tokenRatio": 0}}"#, "retryThrottling.tokenRatio", "must be at least 0.001"),
        (#"{"retryThrottling": {"maxTokens": 10, "tokenRatio": 0.0004}}"#, "retryThrottling.tokenRatio", "must be at least 0.001"),
        (#"{"retryThrottling": {"maxTokens": 10, "tokenRatio": -1}}"#, "retryThrottling.tokenRatio", "must be at least 0.001"),
        (#"{"retryThrottling": {"maxTokens": 10}}"#, "retryThrottling.tokenRatio", "is required"),
        (#"{"retryThrottling": true}"#, "retryThrottling", "must be an object"),
    ]

    /// A method config whose otherwise valid retry policy has `replacement` as one member.
    static func retry(_ replacement: String?, removing removed: String? = nil) -> String {
        var members = [
            "maxAttempts": #""maxAttempts": 3"#,
            "initialBackoff": #""initialBackoff": "0.1s""#,
            "maxBackoff": #""maxBackoff": "1s""#,
            "backoffMultiplier": #""backoffMultiplier": 2"#,
            "retryableStatusCodes": #""retryableStatusCodes": ["UNAVAILABLE"]"#,
        ]
        if let removed { members[removed] = nil }
        if let replacement, let key = replacement.split(separator: "\"").first { members[String(key)] = replacement }
        let policy = members.keys.sorted().compactMap { members[$0] }.joined(separator: ", ")
        return #"{"methodConfig": [{"name": [{"service": "a.A"}], "retryPolicy": {\#(policy)}}]}"#
    }

    @Test
    func theValidRetryPolicyThatTheErrorCasesStartFromParses() throws {
        let config = try ServiceConfig(json: Self.retry(nil))
        #expect(config.methodConfigs[0].retryPolicy?.maxAttempts == 3)
    }

    @Test(arguments: badConfigs)
    func eachErrorNamesItsFieldPath(json: String, path: String, problem: String) {
        let error = #expect(throws: RPCError.self) { try ServiceConfig(json: json) }
        #expect(error?.code == .invalidArgument)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("service config: "), "\(message)")
        #expect(message.contains(path + (path.hasPrefix("service config:") ? "" : ": ")), "\(message)")
        #expect(message.contains(problem), "\(message)")
    }

    @Test
    func invalidJSONIsRefusedWithItsOffset() {
        for text in ["", "{", #"{"methodConfig": [}"#, "{} trailing", "{'single': 1}"] {
            let error = #expect(throws: RPCError.self) { try ServiceConfig(json: text) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.hasPrefix("service config: invalid JSON: ") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("offset") == true, "\(error?.message ?? "")")
        }
    }

    @Test
    func unknownMembersAreIgnoredAtEveryLevel() throws {
        let config = try ServiceConfig(json: """
            {"newTopLevel": 1,
             "methodConfig": [{"name": [{"service": "a.A", "extra": true}], "perAttemptRecvTimeout": "1s",
                               "retryPolicy": {"maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s",
                                               "backoffMultiplier": 1, "retryableStatusCodes": ["aborted"], "future": []}}],
             "retryThrottling": {"maxTokens": "5", "tokenRatio": 1, "later": null}}
            """)
        #expect(config.methodConfigs[0].retryPolicy?.retryableStatusCodes == [.aborted])
        #expect(config.retryThrottling == RetryThrottling(maxTokens: 5, tokenRatio: 1))
    }

    @Test
    func nullMembersCountAsAbsent() throws {
        let config = try ServiceConfig(json: #"{"methodConfig": [{"name": [{"service": "a.A"}], "timeout": null}], "retryThrottling": null}"#)
        #expect(config.methodConfigs[0].timeout == nil)
        #expect(config.retryThrottling == nil)
    }
}

import SwiftGRPC

/// Runs at the start of every call a ``ProbeService`` handles, in the handler's task: a test's
/// way to look inside a call (its task-local context) or to hold it open.
public typealias ProbeHook = @Sendable (_ path: String, _ context: ServerContext) async throws -> Void

/// The Probe service of probe.proto: echoes texts, and fails with the status code a request
/// names in `failWith`.
public struct ProbeService: Integrations_Test_Probe.SimpleServiceProtocol {
    private let hook: ProbeHook?

    /// A Probe service that runs `hook` first in every call.
    public init(hook: ProbeHook? = nil) {
        self.hook = hook
    }

    /// Answers with the request's text.
    public func echo(request: Integrations_Test_ProbeRequest, context: ServerContext) async throws -> Integrations_Test_ProbeReply {
        try await hook?(context.path, context)
        try Self.failIfAsked(request)
        return .with { $0.text = request.text }
    }

    /// Answers `count` times: `text 0`, `text 1`, …
    public func expand(request: Integrations_Test_ProbeRequest, responses: ResponseWriter<Integrations_Test_ProbeReply>,
                       context: ServerContext) async throws {
        try await hook?(context.path, context)
        try Self.failIfAsked(request)
        for index in 0..<max(0, Int(request.count)) {
            try await responses.write(.with { $0.text = "\(request.text) \(index)" })
        }
    }

    /// Answers once with every request's text, joined by spaces.
    public func collect(requests: RequestStream<Integrations_Test_ProbeRequest>, context: ServerContext) async throws -> Integrations_Test_ProbeReply {
        try await hook?(context.path, context)
        var texts: [String] = []
        for try await request in requests {
            try Self.failIfAsked(request)
            texts.append(request.text)
        }
        return .with { $0.text = texts.joined(separator: " ") }
    }

    /// Answers each request with its text as it comes.
    public func chat(requests: RequestStream<Integrations_Test_ProbeRequest>, responses: ResponseWriter<Integrations_Test_ProbeReply>,
                     context: ServerContext) async throws {
        try await hook?(context.path, context)
        for try await request in requests {
            try Self.failIfAsked(request)
            try await responses.write(.with { $0.text = request.text })
        }
    }

    private static func failIfAsked(_ request: Integrations_Test_ProbeRequest) throws {
        guard request.failWith != 0 else { return }
        throw RPCError(code: StatusCode(rawValue: Int(request.failWith)) ?? .unknown, message: "failing as asked")
    }
}

import SwiftGRPC

/// Server side of bearer-token authentication: a call without `authorization: Bearer TOKEN`
/// ends with UNAUTHENTICATED before its handler runs.
public struct RequireBearerToken: ServerInterceptor {
    let token: String

    /// Accepts calls that carry exactly `token`.
    public init(token: String) {
        self.token = token
    }

    public func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        guard let header = call.metadata.firstString(forKey: "authorization") else {
            throw RPCError(code: .unauthenticated, message: "missing authorization header (expected 'Bearer <token>')")
        }
        guard header == "Bearer \(token)" else {
            throw RPCError(code: .unauthenticated, message: "invalid bearer token")
        }
        // The handler has no use for the credential: it goes no further than here.
        var call = call
        call.metadata.removeAll(forKey: "authorization")
        try await next(call)
    }
}

/// Client side of bearer-token authentication: adds `authorization: Bearer TOKEN` to every call.
public struct AddBearerToken: ClientInterceptor {
    let token: String

    /// Sends `token` with every call.
    public init(token: String) {
        self.token = token
    }

    public func intercept(_ call: inout ClientInterceptorCall) async throws {
        call.metadata.removeAll(forKey: "authorization")
        call.metadata.addString("Bearer \(token)", forKey: "authorization")
    }
}

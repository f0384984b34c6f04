import SwiftProto

/// The four call kinds with interceptors. Each asks the interceptors first (in the caller's
/// task, never on the I/O thread: interceptors are application code), then runs the call as
/// Calls.swift does, with the observers and the report of its end.
extension Channel {
    /// Asks the interceptors that apply to a call of `path`, in order; nil when none does.
    /// One that throws fails the call: the ones before it hear of the end.
    func intercept(_ path: String, _ kind: CallKind, options: CallOptions) async throws -> ClientInterception? {
        let method = MethodDescriptor(path: path, kind: kind)
        var call = ClientInterceptorCall(method: method, target: address, options: options)
        var applies = false
        for entry in interceptors where entry.subject.applies(to: method) {
            applies = true
            do {
                try await entry.interceptor.intercept(&call)
            } catch {
                let failure = RPCError(interceptorFailure: error)
                await ClientInterception(call).finish(CallStatus(failure))
                throw failure
            }
        }
        return applies ? ClientInterception(call) : nil
    }

    func unary<Request: Message, Response: Message>(
        path: String, request: Request, as response: Response.Type, interception: ClientInterception
    ) async throws -> ClientResponse<Response> {
        try await interception.reporting {
            let options = interception.options
            let frame = try await interception.frame(request, compression: options.compression)
            let call = try await startCall(path: path, options: options, onlyRequest: frame, interception: interception)
            return try await withTaskCancellationHandler {
                try await Channel.singleResponse(Response.self, call)
            } onCancel: {
                call.cancel()
            }
        }
    }

    func serverStreaming<Request: Message, Response: Message>(
        path: String, request: Request, as response: Response.Type, interception: ClientInterception
    ) async throws -> ResponseStream<Response> {
        let call = try await interception.starting {
            let options = interception.options
            let frame = try await interception.frame(request, compression: options.compression)
            return try await startCall(path: path, options: options, onlyRequest: frame, interception: interception)
        }
        return ResponseStream(call: call)
    }

    func clientStreaming<Request: Message, Response: Message>(
        path: String, as response: Response.Type, interception: ClientInterception,
        requests: (RequestSender<Request>) async throws -> Void
    ) async throws -> ClientResponse<Response> {
        try await interception.reporting {
            let call = try await startCall(path: path, options: interception.options, interception: interception)
            return try await Channel.clientStreaming(call, as: Response.self, requests: requests)
        }
    }

    func bidirectionalStreaming<Request: Message, Response: Message>(
        path: String, request: Request.Type, response: Response.Type, interception: ClientInterception
    ) async throws -> BidirectionalCall<Request, Response> {
        let call = try await interception.starting {
            try await startCall(path: path, options: interception.options, interception: interception)
        }
        return BidirectionalCall(requests: RequestSender(call: call), responses: ResponseStream(call: call))
    }
}

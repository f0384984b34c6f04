/// The interceptors of one method around its handler, as the router runs them. Methods that
/// no interceptor applies to keep their bare handler: no chain, no cost.
struct ServerInterceptorChain: Sendable {
    let method: MethodDescriptor
    let interceptors: [any ServerInterceptor]
    let handler: Router.Handler

    /// Runs the call through the interceptors, outermost first, and the handler inside them;
    /// returns the handler's unary response, as the bare handler would.
    func run(_ call: ServerCall) async throws -> [UInt8]? {
        var response: [UInt8]?
        try await step(0, ServerInterceptorCall(method: method, context: call.context)) { intercepted in
            response = try await handle(intercepted, call)
        }
        return response
    }

    private func step(_ index: Int, _ call: ServerInterceptorCall,
                      _ innermost: (ServerInterceptorCall) async throws -> Void) async throws {
        guard index < interceptors.count else { return try await innermost(call) }
        do {
            try await interceptors[index].intercept(call) { try await step(index + 1, $0, innermost) }
        } catch {
            // What `next` throws is the status the call ends with, for every interceptor outside.
            throw RPCError(handlerFailure: error, deadline: call.context.deadline)
        }
    }

    /// The handler, with the metadata and observers the interceptors left.
    private func handle(_ intercepted: ServerInterceptorCall, _ call: ServerCall) async throws -> [UInt8]? {
        call.context.replaceRequestMetadata(intercepted.metadata)
        var call = call
        call.requestObservers = intercepted.requestObservers
        call.responseObservers = intercepted.responseObservers.reversed()
        let response: [UInt8]?
        do {
            response = try await handler(call)
        } catch {
            throw RPCError(handlerFailure: error, deadline: call.context.deadline)
        }
        // A handler that returns after its call was ended (deadline, the client's cancel)
        // did not end it OK.
        if Task.isCancelled { throw RPCError(handlerFailure: CancellationError(), deadline: call.context.deadline) }
        return response
    }
}

extension Router {
    /// Puts each method that some of `interceptors` apply to inside them, in their order.
    mutating func intercept(with interceptors: [ConditionalInterceptor<any ServerInterceptor>]) {
        guard !interceptors.isEmpty else { return }
        for (path, handler) in handlers {
            let method = MethodDescriptor(path: path, kind: kinds[path] ?? .bidirectionalStreaming)
            let applying = interceptors.filter { $0.subject.applies(to: method) }.map(\.interceptor)
            guard !applying.isEmpty else { continue }
            let chain = ServerInterceptorChain(method: method, interceptors: applying, handler: handler)
            handlers[path] = { call in try await chain.run(call) }
        }
    }
}

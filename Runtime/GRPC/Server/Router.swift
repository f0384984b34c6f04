import SwiftProto

/// Routes `/package.Service/Method` paths to handlers. Generated services register into it.
public struct Router: Sendable {
    /// Runs an RPC; returns the last response message, framed, when the method has exactly one
    /// (unary, client streaming) so that it leaves with the status in one hop to the loop.
    typealias Handler = @Sendable (ServerCall) async throws -> [UInt8]?
    /// Set by the registrations, and by ``intercept(with:)``, which wraps some in interceptors.
    var handlers: [String: Handler] = [:]
    /// The kind of each method, for interceptors.
    private(set) var kinds: [String: CallKind] = [:]

    /// A router with no methods.
    public init() {}

    /// The paths registered so far, sorted.
    public var methods: [String] { handlers.keys.sorted() }

    /// Routes `path` to a unary handler: one request in, one response out. A request stream
    /// with no message, or more than one, ends the RPC with INTERNAL before the handler runs.
    /// A second registration of the same path replaces the first.
    public mutating func registerUnary<Request: Message, Response: Message>(
        _ path: String, _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        kinds[path] = .unary
        handlers[path] = { call in
            let request = try await Router.singleRequest(Request.self, call)
            let response = try await handler(request, call.context)
            return call.responseObservers.isEmpty ? try MessageFramer.frame(response, compression: call.context.responseCompression)
                                                  : try await Router.observedFrame(response, call)
        }
    }

    /// Routes `path` to a server-streaming handler: one request in, responses written through
    /// the ``MessageWriter``; the RPC ends with OK when the handler returns.
    public mutating func registerServerStreaming<Request: Message, Response: Message>(
        _ path: String, _ handler: @escaping @Sendable (Request, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) {
        kinds[path] = .serverStreaming
        handlers[path] = { call in
            let request = try await Router.singleRequest(Request.self, call)
            try await handler(request, call.responseWriter(), call.context)
            return nil
        }
    }

    /// Routes `path` to a client-streaming handler: it reads the requests from the
    /// ``MessageStream`` and returns the one response.
    public mutating func registerClientStreaming<Request: Message, Response: Message>(
        _ path: String, _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) {
        kinds[path] = .clientStreaming
        handlers[path] = { call in
            let response = try await handler(call.requestStream(), call.context)
            return call.responseObservers.isEmpty ? try MessageFramer.frame(response, compression: call.context.responseCompression)
                                                  : try await Router.observedFrame(response, call)
        }
    }

    /// Routes `path` to a bidirectional-streaming handler: it reads requests and writes
    /// responses in any order. The response headers go out once the handler first waits for a
    /// request, so clients that wait for them before sending do not deadlock.
    public mutating func registerBidirectionalStreaming<Request: Message, Response: Message>(
        _ path: String,
        _ handler: @escaping @Sendable (RequestStream<Request>, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) {
        kinds[path] = .bidirectionalStreaming
        handlers[path] = { call in
            // A client may wait for response headers before it sends (grpc-swift-2 does): once
            // the handler is about to wait for a request, send them rather than deadlock.
            call.requests.setBeforeFirstWait(call.sendHeaders)
            try await handler(call.requestStream(), call.responseWriter(), call.context)
            return nil
        }
    }

    /// The one response of a unary or client-streaming method, framed after the response
    /// observers have seen it (callers frame it directly when there are none: no await).
    private static func observedFrame<Response: Message>(_ response: Response, _ call: ServerCall) async throws -> [UInt8] {
        let compression = call.context.responseCompression
        var size = 0
        let frame = try MessageFramer.frame(response, compression: compression, serializedSize: &size)
        try await ObservedMessage(message: response, serializedSize: size, compressed: compression != nil).show(to: call.responseObservers)
        return frame
    }

    /// Unary and server-streaming methods take exactly one request message.
    private static func singleRequest<Request: Message>(_ type: Request.Type, _ call: ServerCall) async throws -> Request {
        var requests = call.requestStream(of: Request.self).makeAsyncIterator()
        let first = try await requests.next()
        call.context.noteRequest(compressed: requests.lastMessageWasCompressed)
        guard let request = first else {
            throw RPCError(code: .internalError, message: "protocol violation: no request message for \(call.context.path)")
        }
        guard try await requests.next() == nil else {
            throw RPCError(code: .internalError, message: "protocol violation: more than one request message for \(call.context.path)")
        }
        return request
    }
}

/// A service implementation the server can route to; generated service protocols refine it.
public protocol RegistrableService: Sendable {
    /// Registers every method of the service under its path; generated service protocols
    /// implement it, so implementations write only the handlers.
    func register(with router: inout Router)

    /// The files declaring the services it registers, for server reflection; generated service
    /// protocols name their `.proto` file's, hand-written services none.
    var fileDescriptors: [GeneratedFileDescriptor] { get }
}

extension RegistrableService {
    /// Hand-written services carry no descriptors.
    public var fileDescriptors: [GeneratedFileDescriptor] { [] }
}

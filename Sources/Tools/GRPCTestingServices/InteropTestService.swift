import SwiftGRPC

/// grpc.testing.TestService as interop-test-descriptions.md asks servers to behave.
public struct InteropTestService: Grpc_Testing_TestService.SimpleServiceProtocol {
    public init() {}

    static let echoInitialKey = "x-grpc-test-echo-initial"
    static let echoTrailingKey = "x-grpc-test-echo-trailing-bin"

    public func emptyCall(request: Grpc_Testing_Empty, context: ServerContext) async throws -> Grpc_Testing_Empty {
        Grpc_Testing_Empty()
    }

    public func unaryCall(request: Grpc_Testing_SimpleRequest, context: ServerContext) async throws -> Grpc_Testing_SimpleResponse {
        try echoMetadata(context)
        if request.expectCompressed.value && !context.requestWasCompressed {
            throw RPCError(code: .invalidArgument, message: "expected a compressed request")
        }
        try throwRequestedStatus(request.hasResponseStatus ? request.responseStatus : nil)
        if request.responseCompressed.value { try compressResponses(context) }
        return .with { $0.payload = InteropTestService.payload(size: request.responseSize) }
    }

    public func cacheableUnaryCall(request: Grpc_Testing_SimpleRequest, context: ServerContext) async throws
        -> Grpc_Testing_SimpleResponse
    {
        try await unaryCall(request: request, context: context)
    }

    public func streamingOutputCall(request: Grpc_Testing_StreamingOutputCallRequest,
                                    responses: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>,
                                    context: ServerContext) async throws {
        try await respond(to: request, with: responses, context: context)
        try throwRequestedStatus(request.hasResponseStatus ? request.responseStatus : nil)
    }

    public func streamingInputCall(requests: RequestStream<Grpc_Testing_StreamingInputCallRequest>, context: ServerContext)
        async throws -> Grpc_Testing_StreamingInputCallResponse
    {
        var total: Int32 = 0
        var iterator = requests.makeAsyncIterator()
        while let request = try await iterator.next() {
            if request.expectCompressed.value && !iterator.lastMessageWasCompressed {
                throw RPCError(code: .invalidArgument, message: "expected a compressed request")
            }
            total += Int32(request.payload.body.count)
        }
        return .with { $0.aggregatedPayloadSize = total }
    }

    public func fullDuplexCall(requests: RequestStream<Grpc_Testing_StreamingOutputCallRequest>,
                               responses: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>,
                               context: ServerContext) async throws {
        try echoMetadata(context)
        for try await request in requests {
            try throwRequestedStatus(request.hasResponseStatus ? request.responseStatus : nil)
            try await respond(to: request, with: responses, context: context)
        }
    }

    public func halfDuplexCall(requests: RequestStream<Grpc_Testing_StreamingOutputCallRequest>,
                               responses: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>,
                               context: ServerContext) async throws {
        var buffered: [Grpc_Testing_StreamingOutputCallRequest] = []
        for try await request in requests { buffered.append(request) }
        for request in buffered {
            try await respond(to: request, with: responses, context: context)
        }
    }

    public func unimplementedCall(request: Grpc_Testing_Empty, context: ServerContext) async throws -> Grpc_Testing_Empty {
        throw RPCError(code: .unimplemented, message: "UnimplementedCall is not implemented, as the interop tests expect")
    }

    // MARK: Behaviour shared by the methods

    static func payload(size: Int32) -> Grpc_Testing_Payload {
        .with { $0.body = [UInt8](repeating: 0, count: Int(max(0, size))) }
    }

    private func respond(to request: Grpc_Testing_StreamingOutputCallRequest,
                         with responses: ResponseWriter<Grpc_Testing_StreamingOutputCallResponse>,
                         context: ServerContext) async throws {
        if request.responseParameters.contains(where: { $0.compressed.value }) {
            try compressResponses(context)
        }
        for parameters in request.responseParameters {
            if parameters.intervalUs > 0 {
                try await Task.sleep(for: .microseconds(Int(parameters.intervalUs)))
            }
            try await responses.write(.with { $0.payload = InteropTestService.payload(size: parameters.size) },
                                      compress: parameters.compressed.value)
        }
    }

    private func compressResponses(_ context: ServerContext) throws {
        guard context.responseCompression == nil else { return }
        let choice = context.acceptedCompression.contains(.gzip) ? CompressionAlgorithm.gzip : context.acceptedCompression.first
        guard let choice else {
            throw RPCError(code: .invalidArgument, message: "a compressed response was asked for, but the client accepts no compression")
        }
        try context.setResponseCompression(choice)
    }

    private func throwRequestedStatus(_ status: Grpc_Testing_EchoStatus?) throws {
        guard let status, status.code != 0 else { return }
        throw RPCError(code: StatusCode(rawValue: Int(status.code)) ?? .unknown, message: status.message)
    }

    private func echoMetadata(_ context: ServerContext) throws {
        if let initial = context.requestMetadata[InteropTestService.echoInitialKey].first {
            try context.addResponseHeader(initial, forKey: InteropTestService.echoInitialKey)
        }
        if let trailing = context.requestMetadata.firstBinary(forKey: InteropTestService.echoTrailingKey) {
            try context.addTrailer(.binary(trailing), forKey: InteropTestService.echoTrailingKey)
        }
    }
}

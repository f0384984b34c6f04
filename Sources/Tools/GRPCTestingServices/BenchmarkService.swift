import SwiftGRPC

/// grpc.testing.BenchmarkService as ../shared/bench/CONTRACT.md describes it: echo-sized
/// responses of zero bytes.
public struct BenchmarkService: Grpc_Testing_BenchmarkService.SimpleServiceProtocol {
    public init() {}

    static func response(size: Int32) -> Grpc_Testing_SimpleResponse {
        .with { $0.payload.body = [UInt8](repeating: 0, count: Int(max(0, size))) }
    }

    public func unaryCall(request: Grpc_Testing_SimpleRequest, context: ServerContext) async throws -> Grpc_Testing_SimpleResponse {
        BenchmarkService.response(size: request.responseSize)
    }

    public func streamingCall(requests: RequestStream<Grpc_Testing_SimpleRequest>,
                              responses: ResponseWriter<Grpc_Testing_SimpleResponse>, context: ServerContext) async throws {
        for try await request in requests {
            try await responses.write(BenchmarkService.response(size: request.responseSize))
        }
    }

    public func streamingFromClient(requests: RequestStream<Grpc_Testing_SimpleRequest>, context: ServerContext) async throws
        -> Grpc_Testing_SimpleResponse
    {
        var last = Grpc_Testing_SimpleRequest()
        for try await request in requests { last = request }
        return BenchmarkService.response(size: last.responseSize)
    }

    public func streamingFromServer(request: Grpc_Testing_SimpleRequest, responses: ResponseWriter<Grpc_Testing_SimpleResponse>,
                                    context: ServerContext) async throws {
        let response = BenchmarkService.response(size: request.responseSize)
        // Until the client cancels: then the write fails and the handler ends.
        while !Task.isCancelled {
            try await responses.write(response)
        }
    }

    public func streamingBothWays(requests: RequestStream<Grpc_Testing_SimpleRequest>,
                                  responses: ResponseWriter<Grpc_Testing_SimpleResponse>, context: ServerContext) async throws {
        for try await request in requests {
            try await responses.write(BenchmarkService.response(size: request.responseSize))
        }
    }
}

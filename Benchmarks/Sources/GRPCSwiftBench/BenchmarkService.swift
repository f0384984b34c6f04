import Foundation
import GRPCCore

/// grpc.testing.BenchmarkService on grpc-swift-2, behaving as ../shared/bench/CONTRACT.md asks.
public struct GRPCSwiftBenchmarkService: Grpc_Testing_BenchmarkService.SimpleServiceProtocol {
    public init() {}

    static func response(size: Int32) -> Grpc_Testing_SimpleResponse {
        .with { $0.payload.body = Data(count: Int(max(0, size))) }
    }

    public func unaryCall(request: Grpc_Testing_SimpleRequest, context: ServerContext) async throws -> Grpc_Testing_SimpleResponse {
        Self.response(size: request.responseSize)
    }

    public func streamingCall(request: RPCAsyncSequence<Grpc_Testing_SimpleRequest, any Error>,
                              response: RPCWriter<Grpc_Testing_SimpleResponse>, context: ServerContext) async throws {
        for try await message in request { try await response.write(Self.response(size: message.responseSize)) }
    }

    public func streamingFromClient(request: RPCAsyncSequence<Grpc_Testing_SimpleRequest, any Error>, context: ServerContext)
        async throws -> Grpc_Testing_SimpleResponse
    {
        var last = Grpc_Testing_SimpleRequest()
        for try await message in request { last = message }
        return Self.response(size: last.responseSize)
    }

    public func streamingFromServer(request: Grpc_Testing_SimpleRequest, response: RPCWriter<Grpc_Testing_SimpleResponse>,
                                    context: ServerContext) async throws {
        let message = Self.response(size: request.responseSize)
        while !Task.isCancelled { try await response.write(message) }
    }

    public func streamingBothWays(request: RPCAsyncSequence<Grpc_Testing_SimpleRequest, any Error>,
                                  response: RPCWriter<Grpc_Testing_SimpleResponse>, context: ServerContext) async throws {
        for try await message in request { try await response.write(Self.response(size: message.responseSize)) }
    }
}

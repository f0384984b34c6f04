import SwiftGRPC

/// helloworld.Greeter: greets by name.
public struct GreeterService: Helloworld_Greeter.SimpleServiceProtocol {
    public init() {}

    public func sayHello(request: Helloworld_HelloRequest, context: ServerContext) async throws -> Helloworld_HelloReply {
        .with { $0.message = "Hello, \(request.name.isEmpty ? "world" : request.name)!" }
    }

    public func sayHelloAgain(request: Helloworld_HelloRequest, context: ServerContext) async throws -> Helloworld_HelloReply {
        .with { $0.message = "Hello again, \(request.name.isEmpty ? "world" : request.name)!" }
    }
}

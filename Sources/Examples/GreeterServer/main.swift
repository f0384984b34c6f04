import ExampleServices
import SwiftGRPC

let arguments = ExampleArguments(usage: "greeter-server [--port N] [--host ADDRESS] [--require_token TOKEN] [--log_calls true] \(ExampleServer.usage) \(TransportFlags.serverUsage)")
var configuration = ServerConfiguration()
// Logging outermost, so that it logs the calls the token check turns away too.
if arguments.bool("log_calls", default: false) {
    configuration.interceptors.append(.apply(ServerCallLogging(), to: .all))
}
if let token = arguments.optional("require_token") {
    // The Greeter's calls only: health checks and reflection stay open to tools.
    configuration.interceptors.append(.apply(RequireBearerToken(token: token), to: .services([Helloworld_Greeter.serviceName])))
}
await ExampleServer.run([GreeterService()], arguments: arguments, defaultPort: 50051, configuration: configuration)

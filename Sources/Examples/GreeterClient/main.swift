import ExampleServices
import SwiftGRPC

let arguments = ExampleArguments(usage: "greeter-client [--target host:port] [--name NAME] [--token TOKEN] [--log_calls true] \(TransportFlags.clientUsage)")
var configuration = TransportFlags.channelConfiguration(arguments)
if arguments.bool("log_calls", default: false) {
    configuration.interceptors.append(.apply(ClientCallLogging(), to: .all))
}
if let token = arguments.optional("token") {
    configuration.interceptors.append(.apply(AddBearerToken(token: token), to: .all))
}
do {
    let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"), configuration: configuration)
    let greeter = Helloworld_Greeter.Client(channel: channel)
    let name = arguments.string("name", default: "world")
    let reply = try await greeter.sayHello(.with { $0.name = name }, options: CallOptions(timeout: .seconds(5)))
    print(reply.message)
    let again = try await greeter.sayHelloAgain(.with { $0.name = name }, options: CallOptions(timeout: .seconds(5)))
    print(again.message)
    channel.close()
} catch {
    ExampleArguments.fail("greeter-client: \(error)")
}

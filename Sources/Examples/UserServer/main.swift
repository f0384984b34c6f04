import ExampleServices

let arguments = ExampleArguments(usage: "user-server [--port N] [--host ADDRESS] \(ExampleServer.usage) \(TransportFlags.serverUsage)")
await ExampleServer.run([UserService()], arguments: arguments, defaultPort: 50052)

import ExampleServices

let arguments = ExampleArguments(usage: "greeter-server [--port N] [--host ADDRESS] \(TransportFlags.serverUsage)")
await ExampleServer.run([GreeterService()], arguments: arguments, defaultPort: 50051)

import ExampleServices

let arguments = ExampleArguments(usage: "greeter-server [--port N] [--host ADDRESS]")
await ExampleServer.run([GreeterService()], host: arguments.string("host", default: "127.0.0.1"),
                        port: arguments.int("port", default: 50051))

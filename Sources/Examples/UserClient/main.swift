import ExampleServices
import SwiftGRPC

let arguments = ExampleArguments(usage: "user-client [--target host:port] [--name NAME] [--email EMAIL] [--age N] \(TransportFlags.clientUsage)")
do {
    let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50052"),
                              configuration: TransportFlags.channelConfiguration(arguments))
    let users = User_UserService.Client(channel: channel)
    let created = try await users.createUser(.with {
        $0.name = arguments.string("name", default: "Ada")
        $0.email = arguments.string("email", default: "ada@example.com")
        $0.age = Int32(arguments.int("age", default: 36))
    })
    print("created user \(created.id): \(created.name) <\(created.email)>, \(created.age)")
    let fetched = try await users.getUser(.with { $0.id = created.id })
    print("fetched user \(fetched.id): \(fetched.name)")
    do {
        _ = try await users.getUser(.with { $0.id = 999_999 })
    } catch let error as RPCError {
        print("user 999999: \(error)")
    }
    channel.close()
} catch {
    ExampleArguments.fail("user-client: \(error)")
}

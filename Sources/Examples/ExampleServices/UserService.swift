import Synchronization
import SwiftGRPC

/// user.UserService over an in-memory store that concurrent calls share safely.
public final class UserService: User_UserService.SimpleServiceProtocol {
    private let store = Mutex<(nextID: Int64, users: [Int64: User_User])>((1, [:]))

    public init() {}

    public func getUser(request: User_GetUserRequest, context: ServerContext) async throws -> User_User {
        guard let user = store.withLock({ $0.users[request.id] }) else {
            throw RPCError(code: .notFound, message: "no user with id \(request.id)")
        }
        return user
    }

    public func createUser(request: User_CreateUserRequest, context: ServerContext) async throws -> User_User {
        guard !request.name.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "name must not be empty")
        }
        guard request.email.contains("@") else {
            throw RPCError(code: .invalidArgument, message: "email '\(request.email)' has no '@'")
        }
        guard request.age >= 0 else {
            throw RPCError(code: .invalidArgument, message: "age must not be negative")
        }
        return store.withLock { store in
            let user = User_User.with {
                $0.id = store.nextID
                $0.name = request.name
                $0.email = request.email
                $0.age = request.age
            }
            store.users[user.id] = user
            store.nextID += 1
            return user
        }
    }
}

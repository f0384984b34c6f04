import Synchronization

/// The servers a channel can reach as `inprocess:NAME`: a server is here from
/// `start(.inProcess(name:))` (or its first `inProcessChannel`) until its shutdown. Channels
/// look their server up at each connection attempt, as a socket client connects anew, so a
/// name that no server holds yet fails like a port nobody listens on.
enum InProcessRegistry {
    private static let servers = Mutex<[String: Server]>([:])
    private static let connections = Atomic<Int>(0)
    private static let anonymousNames = Atomic<Int>(0)
    private static let anonymousPrefix = "anonymous-"

    /// Makes `server` reachable as `name`; throws when another server holds the name or this
    /// one has shut down. Registering a server again under its own name changes nothing.
    static func register(_ server: Server, as name: String) throws {
        try servers.withLock { servers in
            if let holder = servers[name] {
                guard holder === server else {
                    throw RPCError(code: .alreadyExists, message: "cannot start inprocess:\(name): another server holds the name")
                }
                return
            }
            // Checked under the registry's lock, which shutdown takes after it marks the server
            // stopped: a server is never left here once it has shut down.
            guard !server.isStopped else {
                throw RPCError(code: .failedPrecondition, message: "cannot start inprocess:\(name): the server has shut down")
            }
            servers[name] = server
        }
    }

    /// A name `server` is reachable by: one it holds already, else a new one made up for it.
    /// A server that has shut down gets a name nobody holds, so its channels fail UNAVAILABLE.
    static func name(for server: Server) -> String {
        servers.withLock { servers in
            if let held = servers.first(where: { $0.value === server })?.key { return held }
            // Never reused, so that a channel to a server that has gone cannot reach a later one.
            var name: String
            repeat {
                name = anonymousPrefix + String(anonymousNames.wrappingAdd(1, ordering: .relaxed).newValue)
            } while servers[name] != nil
            if !server.isStopped { servers[name] = server }
            return name
        }
    }

    static func server(named name: String) -> Server? {
        servers.withLock { $0[name] }
    }

    /// Frees every name `server` holds (its shutdown).
    static func unregister(_ server: Server) {
        servers.withLock { servers in
            for (name, holder) in servers where holder === server { servers[name] = nil }
        }
    }

    /// The address a server sees for a new in-process client of `name`: `inprocess:NAME#N`,
    /// numbered across the process so that each connection has its own, as each TCP
    /// connection has its own port.
    static func clientAddress(connectingTo name: String) -> String {
        "inprocess:\(name)#\(connections.wrappingAdd(1, ordering: .relaxed).newValue)"
    }
}

import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The I/O threads a server or channel spreads its connections over.
final class EventLoopGroup: @unchecked Sendable {
    let loops: [EventLoop]
    private let next = Atomic<Int>(0)

    init(threads: Int) throws {
        loops = try (0..<max(1, threads)).map { _ in try EventLoop() }
    }

    func nextLoop() -> EventLoop {
        loops[next.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// One shared group for the process: as many threads as cores.
    static let shared: EventLoopGroup = {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return try! EventLoopGroup(threads: max(1, cores))
    }()
}

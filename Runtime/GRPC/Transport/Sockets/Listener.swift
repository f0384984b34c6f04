#if canImport(Glibc)
import Glibc
#endif

/// A listening socket on a loop; accepts until the kernel has no more. Near the descriptor
/// limit it stops for a while instead of spinning (a connection left in the kernel's backlog
/// is reported by epoll again at once, forever), and it never takes the last few descriptors:
/// the rest of the process needs them, and some of it cannot fail gracefully without them
/// (libdispatch stops the process when it cannot open its /proc files).
final class Listener: IOHandler, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    let target: SocketTarget
    private let onAccept: (Int32, String) -> Void
    private let onPause: (String) -> Void
    private var pause = Listener.firstPause
    private var stopped = false

    private static let reservedDescriptors = 16
    private static let firstPause: Duration = .milliseconds(10)
    private static let longestPause: Duration = .seconds(1)

    init(fd: Int32, loop: EventLoop, target: SocketTarget, onAccept: @escaping (Int32, String) -> Void,
         onPause: @escaping (String) -> Void) {
        self.fd = fd
        self.loop = loop
        self.target = target
        self.onAccept = onAccept
        self.onPause = onPause
    }

    func readable() {
        while !stopped {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(fd, $0, &length)
                }
            }
            guard client >= 0 else {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(reason: String(cString: strerror(errno)))
                default: break
                }
                return
            }
            if let limit = Listener.descriptorLimit(), Int(client) + Listener.reservedDescriptors >= limit {
                // Shed it: the client fails fast and may go elsewhere.
                close(client)
                pauseAccepting(reason: "descriptors nearly exhausted (\(client + 1) of \(limit) in use)")
                return
            }
            pause = Listener.firstPause
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if case .tcp = target { Socket.setNoDelay(client) }
            onAccept(client, Listener.describe(storage, target: target))
        }
    }

    func writable() {}

    /// The soft RLIMIT_NOFILE, read each time: it can change while the server runs.
    private static func descriptorLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// Stops watching the socket, then looks again after a pause that doubles while the
    /// shortage lasts (up to a second).
    private func pauseAccepting(reason: String) {
        onPause("\(reason); accepting again in \(KeepalivePinger.describe(pause))")
        loop.setInterest(fd, readable: false, writable: false)
        loop.schedule(at: .now + pause) { [self] in
            guard !stopped else { return }
            loop.setInterest(fd, readable: true, writable: false)
        }
        pause = min(pause * 2, Listener.longestPause)
    }

    /// Closes the listening socket on its loop; returns once it is closed, so that a port a
    /// stopped server had refuses connections from then on.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute { [self] in
                stopped = true
                loop.unregister(fd)
                close(fd)
                if case .unix(let path) = target { unlink(path) }
                continuation.resume()
            }
        }
    }

    static func describe(_ storage: sockaddr_storage, target: SocketTarget) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        var copy = storage
        let ok = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, socklen_t(MemoryLayout<sockaddr_storage>.size), &host, socklen_t(host.count), &service,
                            socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard ok == 0 else { return target.description }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return hostText.contains(":") ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A listening socket on a loop; accepts until the kernel has no more. When accept() runs out
/// of descriptors it stops asking for a while instead of spinning (the pending connection stays
/// in the kernel's backlog, and epoll would report it again at once, forever).
final class Listener: IOHandler, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    let target: SocketTarget
    private let onAccept: (Int32, String) -> Void
    private let onPause: (String) -> Void
    private var pause = Listener.firstPause
    private var stopped = false

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
            pause = Listener.firstPause
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if case .tcp = target { Socket.setNoDelay(client) }
            onAccept(client, Listener.describe(storage, target: target))
        }
    }

    func writable() {}

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

    func stop() {
        loop.execute { [self] in
            stopped = true
            loop.unregister(fd)
            close(fd)
            if case .unix(let path) = target { unlink(path) }
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

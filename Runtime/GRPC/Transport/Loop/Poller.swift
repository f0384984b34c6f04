import SwiftProto
import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// Readiness events for registered file descriptors. Epoll is the Linux implementation; the
/// protocol is the seam where kqueue can follow.
protocol Poller {
    func register(_ fd: Int32, readable: Bool, writable: Bool) throws
    func modify(_ fd: Int32, readable: Bool, writable: Bool) throws
    func unregister(_ fd: Int32)
    /// Waits up to `timeoutMilliseconds` (-1: forever) and reports each ready descriptor.
    func wait(timeoutMilliseconds: Int32, _ body: (_ fd: Int32, _ readable: Bool, _ writable: Bool, _ hangup: Bool) -> Void)
}

final class EpollPoller: Poller {
    private let epoll: Int32
    private var events = [epoll_event](repeating: epoll_event(), count: 256)

    init() throws {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SystemError.last("epoll_create1") }
    }

    deinit { close(epoll) }

    private func control(_ operation: Int32, _ fd: Int32, readable: Bool, writable: Bool) throws {
        var event = epoll_event()
        var mask = EPOLLRDHUP.rawValue
        if readable { mask |= EPOLLIN.rawValue }
        if writable { mask |= EPOLLOUT.rawValue }
        event.events = mask
        event.data.fd = fd
        guard epoll_ctl(epoll, operation, fd, &event) == 0 else { throw SystemError.last("epoll_ctl") }
    }

    func register(_ fd: Int32, readable: Bool, writable: Bool) throws {
        try control(EPOLL_CTL_ADD, fd, readable: readable, writable: writable)
    }

    func modify(_ fd: Int32, readable: Bool, writable: Bool) throws {
        try control(EPOLL_CTL_MOD, fd, readable: readable, writable: writable)
    }

    func unregister(_ fd: Int32) {
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
    }

    func wait(timeoutMilliseconds: Int32, _ body: (Int32, Bool, Bool, Bool) -> Void) {
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let event = events[index]
            let mask = event.events
            body(event.data.fd, mask & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0,
                 mask & EPOLLOUT.rawValue != 0, mask & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0)
        }
    }
}

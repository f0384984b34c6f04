import SwiftProto
import CSystemShims
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Something registered with an event loop for readiness of one file descriptor.
protocol IOHandler: AnyObject {
    func readable()
    func writable()
}

/// Something that writes what it has gathered once per loop iteration (see `flushLater`).
protocol Flushable: AnyObject {
    func flush()
}

/// One I/O thread: epoll, an eventfd to wake it, timers, and a queue of work from other threads.
///
/// Everything registered with a loop (connections, listeners, nghttp2 sessions) is touched only
/// on its thread; other threads hand it work with `execute`.
final class EventLoop: @unchecked Sendable {
    private let poller: Poller
    private let wakeFD: Int32
    private let queue = Mutex<[@Sendable () -> Void]>([])
    private let stopping = Atomic<Bool>(false)
    /// True while the loop is (about to be) blocked in epoll_wait: only then does `execute`
    /// need the eventfd syscall to wake it. A busy loop picks new work up on its own.
    private let polling = Atomic<Bool>(false)
    private var handlers: [Int32: IOHandler] = [:]
    private var timers = TimerQueue()
    /// Connections that have frames to write this iteration; each asks once (see flushLater).
    private var flushes: [Flushable] = []

    /// Scratch space for the streams of this loop, which read and decrypt one at a time on its
    /// thread: one buffer per loop rather than one per connection keeps idle connections small.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
    let plaintextBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)

    /// Runs tasks on this loop's thread (see ServerConfiguration.runsHandlersOnEventLoop).
    private(set) lazy var taskExecutor = EventLoopExecutor(loop: self)

    init() throws {
        poller = try EpollPoller()
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw SystemError.last("eventfd") }
        try poller.register(wakeFD, readable: true, writable: false)
        let started = Mutex<Bool>(false)
        _ = try Thread.start { [self] in
            started.withLock { $0 = true }
            run()
        }
        while !started.withLock({ $0 }) { sched_yield() }
    }

    /// Runs `work` on the loop thread, soon.
    func execute(_ work: @escaping @Sendable () -> Void) {
        let wasEmpty = queue.withLock { pending in
            pending.append(work)
            return pending.count == 1
        }
        // Pairs with run(): it publishes `polling` before its last look at the queue.
        if wasEmpty && polling.load(ordering: .sequentiallyConsistent) { wake() }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    func register(_ fd: Int32, _ handler: IOHandler, writable: Bool = false) throws {
        try poller.register(fd, readable: true, writable: writable)
        handlers[fd] = handler
    }

    func setWritableInterest(_ fd: Int32, _ writable: Bool) {
        try? poller.modify(fd, readable: true, writable: writable)
    }

    func setInterest(_ fd: Int32, readable: Bool, writable: Bool) {
        try? poller.modify(fd, readable: readable, writable: writable)
    }

    func unregister(_ fd: Int32) {
        poller.unregister(fd)
        handlers[fd] = nil
    }

    /// Calls `target.flush()` at the end of the current loop iteration. Callers ask once per
    /// iteration (they keep their own flag), so this is a plain append on the hot path.
    func flushLater(_ target: Flushable) {
        flushes.append(target)
    }

    @discardableResult
    func schedule(at deadline: ContinuousClock.Instant, _ work: @escaping () -> Void) -> TimerQueue.ID {
        timers.add(deadline, work)
    }

    func cancelTimer(_ id: TimerQueue.ID) {
        timers.cancel(id)
    }

    /// Ends the loop's thread after the current iteration (its queued work and flushes run first).
    func shutdown() {
        stopping.store(true, ordering: .releasing)
        wake()
    }

    private func run() {
        let clock = ContinuousClock()
        while !stopping.load(ordering: .acquiring) {
            var timeout: Int32 = -1
            if let next = timers.nextDeadline {
                let remaining = next - clock.now
                let milliseconds = GRPCTimeout.nanosecondsOf(remaining) / 1_000_000
                timeout = Int32(clamping: max(0, milliseconds + 1))
            }
            polling.store(true, ordering: .sequentiallyConsistent)
            if !queue.withLock({ $0.isEmpty }) { timeout = 0 }
            poller.wait(timeoutMilliseconds: timeout) { fd, readable, writable, _ in
                if fd == wakeFD {
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    return
                }
                if writable { handlers[fd]?.writable() }
                if readable { handlers[fd]?.readable() }
            }
            polling.store(false, ordering: .relaxed)
            runQueuedWork()
            // Taken out first: a timer's work may add or cancel timers.
            for work in timers.takeDue(now: clock.now) { work() }
            runQueuedWork()
            while !flushes.isEmpty {
                let due = flushes
                flushes.removeAll(keepingCapacity: true)
                for target in due { target.flush() }
            }
        }
    }

    private func runQueuedWork() {
        // A bounded number of rounds, so a task that re-queues itself cannot starve I/O.
        for _ in 0..<4 {
            let work = queue.withLock { pending -> [@Sendable () -> Void] in
                let taken = pending
                pending.removeAll(keepingCapacity: true)
                return taken
            }
            if work.isEmpty { return }
            for item in work { item() }
        }
    }
}

/// Runs tasks on an event loop's thread. A handler started with this executor preference runs
/// on the I/O thread that owns its connection, so a handler that does not suspend costs no
/// thread hop in either direction (what gRPC C++'s callback API does).
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
    let loop: EventLoop

    init(loop: EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { unownedJob.runSynchronously(on: executor) }
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }
}

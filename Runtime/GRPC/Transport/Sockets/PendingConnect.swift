/// Waits for a non-blocking connect to finish.
final class PendingConnect: IOHandler {
    let fd: Int32
    let done: (Int32) -> Void
    private var finished = false

    init(fd: Int32, done: @escaping (Int32) -> Void) {
        self.fd = fd
        self.done = done
    }

    func readable() { writable() }

    func writable() {
        guard !finished else { return }
        finished = true
        done(Socket.connectError(fd))
    }
}

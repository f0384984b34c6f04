#if canImport(Glibc)
import Glibc
#endif

/// A connected non-blocking socket (TCP or Unix) as a byte stream.
final class SocketStream: ByteStream, IOHandler {
    let loop: EventLoop
    let fd: Int32
    let peer: PeerIdentity
    var receiver: (any ByteStreamReceiver)?
    /// Bytes the kernel did not take yet; written from `pendingOffset` when the socket is writable.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var wantsWritable = false
    private var isClosed = false
    /// Closing after the queued bytes: the FIN follows them, then input is drained until the
    /// peer's FIN or the linger timer.
    private var lingerTimer: TimerQueue.ID?

    init(loop: EventLoop, fd: Int32, peer: String) {
        self.loop = loop
        self.fd = fd
        self.peer = PeerIdentity(address: peer)
    }

    var queuedBytes: Int { pending.count - pendingOffset }

    func start() throws {
        try loop.register(fd, self)
        receiver?.streamReady()
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, bytes.count > 0 else { return }
        var offset = 0
        if queuedBytes == 0 {
            // The common case: straight from the caller's buffer, nothing copied.
            guard let sent = send(bytes) else { return }
            offset = sent
            if offset == bytes.count { return }
            pending.removeAll(keepingCapacity: true)
            pendingOffset = 0
        }
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        setWritableInterest(true)
    }

    /// Sends what the kernel takes; nil when the stream failed (and is closed).
    private func send(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that has gone must not kill the process with SIGPIPE.
            let written = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                break
            } else {
                fail("write failed: \(String(cString: strerror(errno)))")
                return nil
            }
        }
        return offset
    }

    private func setWritableInterest(_ writable: Bool) {
        guard writable != wantsWritable, !isClosed else { return }
        wantsWritable = writable
        loop.setWritableInterest(fd, writable)
    }

    func readable() {
        let buffer = loop.readBuffer
        while !isClosed {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                receiver?.received(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                // A short read means the kernel has nothing more now; a full one, look again.
                if count < buffer.count { return }
            } else if count == 0 {
                fail("connection closed by peer")
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return
            } else {
                fail("read failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    func writable() {
        guard !isClosed else { return }
        if queuedBytes > 0 {
            let sent = pending.withUnsafeBytes { send(UnsafeRawBufferPointer(rebasing: $0[pendingOffset...])) }
            guard let sent else { return }
            pendingOffset += sent
            if queuedBytes > 0 { return }
            pending.removeAll(keepingCapacity: true)
            pendingOffset = 0
        }
        setWritableInterest(false)
        if lingerTimer != nil {
            shutdown(fd, Int32(SHUT_WR))
        } else {
            receiver?.writeQueueDrained()
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        receiver = nil
        if let lingerTimer { loop.cancelTimer(lingerTimer) }
        loop.unregister(fd)
        Glibc.close(fd)
    }

    /// Closing a socket with unread input makes the kernel reset the connection, which can
    /// destroy our last frames before the peer reads them: so FIN first, and drain.
    func closeWhenWritten() {
        guard !isClosed, lingerTimer == nil else { return }
        receiver = nil
        lingerTimer = loop.schedule(at: .now + .seconds(2)) { [weak self] in self?.close() }
        if queuedBytes == 0 { shutdown(fd, Int32(SHUT_WR)) }
    }

    private func fail(_ reason: String) {
        guard !isClosed else { return }
        let receiver = self.receiver
        close()
        receiver?.streamClosed(reason: reason)
    }
}

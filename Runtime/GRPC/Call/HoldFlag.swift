import Synchronization

/// Set by the loop while it holds a stream's window back; read by the reader's task, which
/// then asks the loop to release it. While set it keeps the stream (loop-confined, read only
/// on the loop), so the release finds it without a weak reference.
final class HoldFlag: @unchecked Sendable {
    private let flag = Atomic<Bool>(false)
    /// Loop-confined.
    private(set) var stream: RPCStream?

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func hold(for stream: RPCStream) {
        self.stream = stream
        flag.store(true, ordering: .releasing)
    }

    func release() {
        flag.store(false, ordering: .releasing)
        stream = nil
    }
}

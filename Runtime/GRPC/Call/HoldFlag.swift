import Synchronization

/// Set by the loop while it holds a stream's window back; read by the reader's task.
final class HoldFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool {
        get { flag.load(ordering: .acquiring) }
        set { flag.store(newValue, ordering: .releasing) }
    }
}

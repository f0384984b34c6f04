import SwiftProto
import CNGHTTP2
import Synchronization

/// One RPC on a server connection. Loop-confined except for the queue and gate, which the
/// handler's task uses.
final class ServerStream: @unchecked Sendable {
    let id: Int32
    var headers: [(String, String)] = []
    var headerListSize = 0
    var deframer: MessageDeframer
    let requests: MessageQueue
    let gate = WriteGate()
    var outbound = OutboundBuffer()
    var sentHeaders = false
    var requestEncoding: CompressionAlgorithm?
    var trailers: [(String, String)]?
    var finished = false
    var task: Task<Void, Never>?
    var deadlineTimer: TimerQueue.ID?
    /// DATA bytes received but not yet returned to the peer's window (the reader is behind).
    var heldBytes = 0
    let holding: HoldFlag
    /// The client has ended its side (END_STREAM seen).
    var peerEnded = false

    init(id: Int32, maxMessageSize: Int, holding: HoldFlag, onTaken: @escaping @Sendable (Int) -> Void) {
        self.id = id
        self.holding = holding
        deframer = MessageDeframer(maxMessageSize: maxMessageSize)
        requests = MessageQueue(onTaken: onTaken)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0 == name }?.1
    }
}

/// Set by the loop while it holds a stream's window back; read by the reader's task.
final class HoldFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool {
        get { flag.load(ordering: .acquiring) }
        set { flag.store(newValue, ordering: .releasing) }
    }
}

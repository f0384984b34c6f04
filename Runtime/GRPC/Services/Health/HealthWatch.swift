import Synchronization

/// One Watch call's mailbox: the newest status not yet handed to the writer, and nothing
/// older. A watcher that reads slowly skips the statuses in between instead of queueing them,
/// so its memory stays one status however often the service flips.
final class HealthWatch: Sendable {
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var pending: Status?
        /// What the watcher took last: a status equal to it is no change.
        var delivered: Status?
        var waiter: CheckedContinuation<Status?, Never>?
        /// No status comes after the pending one: the stream ends once it is taken.
        var finishing = false
        var cancelled = false
    }

    private let state = Mutex(State())

    /// Records a service's status; `final` ends the watch once it has been taken (shutdown).
    func offer(_ status: Status, final: Bool = false) {
        let (waiter, value): (CheckedContinuation<Status?, Never>?, Status?) = state.withLock { state in
            guard !state.cancelled, !state.finishing else { return (nil, nil) }
            // A flip and a flip back before the watcher read: nothing changed for it.
            state.pending = status == state.delivered ? nil : status
            state.finishing = final
            guard let waiter = state.waiter else { return (nil, nil) }
            if let pending = state.pending {
                state.waiter = nil
                state.pending = nil
                state.delivered = pending
                return (waiter, pending)
            }
            if final {
                state.waiter = nil
                return (waiter, nil)
            }
            return (nil, nil)
        }
        waiter?.resume(returning: value)
    }

    /// The next status to send, waiting for a change; nil when the watch is over (shutdown, or
    /// the calling task was cancelled).
    func next() async -> Status? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Status?, Never>) in
                let ready: Status?? = state.withLock { state in
                    if state.cancelled { return .some(nil) }
                    if let pending = state.pending {
                        state.pending = nil
                        state.delivered = pending
                        return .some(pending)
                    }
                    if state.finishing { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if case .some(let status) = ready { continuation.resume(returning: status) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}

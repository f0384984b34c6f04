import SwiftProto
import Synchronization

/// Received messages on their way from an event loop to the task that reads them.
///
/// The loop pushes; one reader awaits `next()`. `onTaken` runs after each message the reader
/// takes, with the number still queued, so the loop can reopen a flow-control window it held
/// back while the reader was behind.
final class MessageQueue: Sendable {
    private struct State {
        var messages: [ReceivedMessage] = []
        var head = 0
        var end: RPCError?? = nil  // .some(nil): finished cleanly; .some(error): failed
        var waiter: CheckedContinuation<ReceivedMessage?, Error>?
    }

    private let state = Mutex(State())
    private let onTaken: @Sendable (Int) -> Void
    private let beforeFirstWait = Mutex<(@Sendable () -> Void)?>(nil)

    init(onTaken: @escaping @Sendable (Int) -> Void) {
        self.onTaken = onTaken
    }

    /// Messages waiting to be read.
    var backlog: Int { state.withLock { $0.messages.count - $0.head } }

    func push(_ message: ReceivedMessage) {
        let waiter = state.withLock { state -> CheckedContinuation<ReceivedMessage?, Error>? in
            guard state.end == nil else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.messages.append(message)
            return nil
        }
        if let waiter {
            onTaken(0)
            waiter.resume(returning: message)
        }
    }

    /// No more messages: `error` nil for a clean end. Queued messages are still delivered first.
    func finish(_ error: RPCError?) {
        let waiter = state.withLock { state -> CheckedContinuation<ReceivedMessage?, Error>? in
            guard state.end == nil else { return nil }
            state.end = .some(error)
            // A failure drops what is queued: the RPC is over.
            if error != nil {
                state.messages.removeAll()
                state.head = 0
            }
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    /// Runs `action` once, the first time the reader is about to wait for a message.
    func setBeforeFirstWait(_ action: @escaping @Sendable () -> Void) {
        beforeFirstWait.withLock { $0 = action }
    }

    func next() async throws -> ReceivedMessage? {
        if let ready = state.withLock({ MessageQueue.ready(&$0) }) { return try delivered(ready).get() }
        if let action = beforeFirstWait.withLock({ action in defer { action = nil }; return action }) {
            action()
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome = state.withLock { state -> Result<ReceivedMessage?, Error>? in
                    if let ready = MessageQueue.ready(&state) { return ready }
                    if Task.isCancelled { return .failure(RPCError(code: .cancelled, message: "the reading task was cancelled")) }
                    state.waiter = continuation
                    return nil
                }
                if let outcome { continuation.resume(with: delivered(outcome)) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<ReceivedMessage?, Error>? in
                let waiter = state.waiter
                state.waiter = nil
                return waiter
            }
            waiter?.resume(throwing: RPCError(code: .cancelled, message: "the reading task was cancelled"))
        }
    }

    /// A queued message, or the end, when either is there to take without waiting.
    private static func ready(_ state: inout State) -> Result<ReceivedMessage?, Error>? {
        if state.head < state.messages.count { return .success(take(&state)) }
        if let end = state.end {
            if let error = end { return .failure(error) }
            return .success(nil)
        }
        return nil
    }

    /// Tells the loop the reader took a message (see `onTaken`).
    private func delivered(_ outcome: Result<ReceivedMessage?, Error>) -> Result<ReceivedMessage?, Error> {
        if case .success(_?) = outcome { onTaken(backlog) }
        return outcome
    }

    private static func take(_ state: inout State) -> ReceivedMessage {
        let message = state.messages[state.head]
        state.messages[state.head] = ReceivedMessage(bytes: [], compressed: false)
        state.head += 1
        if state.head == state.messages.count {
            state.messages.removeAll(keepingCapacity: true)
            state.head = 0
        }
        return message
    }
}

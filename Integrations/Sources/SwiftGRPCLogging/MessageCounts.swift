import Synchronization

/// Messages seen each way in one call; observers run on the call's tasks, hence atomics.
final class MessageCounts: Sendable {
    let requests = Atomic<Int>(0)
    let responses = Atomic<Int>(0)
}

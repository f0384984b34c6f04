import Synchronization

/// Write-side backpressure: writers wait while more than `highWater` bytes are queued for the
/// loop, and resume once it has handed them to HTTP/2 below `lowWater`.
final class WriteGate: Sendable {
    private struct State {
        var pending = 0
        var failure: RPCError?
        var waiters: [CheckedContinuation<Void, Error>] = []
    }

    private let state = Mutex(State())
    let highWater: Int
    let lowWater: Int

    init(highWater: Int = 256 << 10) {
        self.highWater = highWater
        lowWater = highWater / 2
    }

    /// Accounts for `bytes` about to be queued, waiting first if too much is in flight.
    func reserve(_ bytes: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let outcome = state.withLock { state -> Result<Void, Error>? in
                if let failure = state.failure { return .failure(failure) }
                if state.pending <= highWater {
                    state.pending += bytes
                    return .success(())
                }
                state.pending += bytes
                state.waiters.append(continuation)
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    /// Accounts for `bytes` queued again without waiting (a stream replayed on a new connection).
    func account(_ bytes: Int) {
        state.withLock { $0.pending += bytes }
    }

    /// Called by the loop as queued bytes leave for the socket.
    func release(_ bytes: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Error>] in
            state.pending -= bytes
            guard state.pending <= lowWater, !state.waiters.isEmpty else { return [] }
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The stream is gone: present and future writers fail with `error`.
    func fail(_ error: RPCError) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Error>] in
            if state.failure == nil { state.failure = error }
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    var failure: RPCError? { state.withLock { $0.failure } }
}

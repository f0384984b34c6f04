/// One call under a retry or hedging policy (gRPC's A6): the application reads and writes the
/// front stream, which never goes on a connection; each attempt is a stream of its own that
/// shares the front's response queue, promises and write gate. Request messages are kept for
/// replay until the call commits — to the attempt whose response headers arrive first, or to
/// the oldest live attempt when the buffer limits are passed — and then only the committed
/// attempt runs. Loop-confined.
final class RetryingCall {
    enum Policy {
        case retry(RetryPolicy)
        case hedging(HedgingPolicy)
    }

    let front: ClientStream
    private let policy: Policy
    private let core: ChannelCore
    private var live: [ClientStream] = []
    private var committed: ClientStream?
    /// The framed request messages so far, for attempts after the first.
    private var buffer: [[UInt8]] = []
    private var bufferedBytes = 0
    private var halfClosed = false
    /// Attempts counted against maxAttempts.
    private var counted = 0
    /// Attempts sent, transparent ones included: the next one's `grpc-previous-rpc-attempts`.
    private var sent = 0
    private var transparentRetries = 0
    /// Retries since the last server pushback, for the backoff's exponent.
    private var backoffStep = 0
    private var hedgeTimer: TimerQueue.ID?
    private var retryTimer: TimerQueue.ID?
    /// The request was too large to keep before the first attempt: that attempt is the call.
    private var commitsToFirstAttempt = false
    /// The server's pushback said to stop (hedging: send no more hedges).
    private var stopped = false
    private var lastFailure: (attempt: ClientStream, status: CallStatus)?

    init(front: ClientStream, policy: Policy, core: ChannelCore) {
        self.front = front
        self.policy = policy
        self.core = core
        front.retry = self
    }

    private var maxAttempts: Int {
        switch policy {
        case .retry(let retry): return min(5, retry.maxAttempts)
        case .hedging(let hedging): return min(5, hedging.maxAttempts)
        }
    }

    func start(preferred: ClientConnectionHandler?) {
        guard !front.finished else { return }
        if let deadline = front.request.deadline {
            // Strong capture: dropped once the call ends. The deadline covers every attempt.
            let front = self.front
            front.deadlineTimer = core.loop.schedule(at: deadline) {
                front.complete(code: .deadlineExceeded, message: "deadline exceeded", trailers: Metadata(), reset: true)
            }
        }
        if let only = front.request.onlyRequest {
            keep(only)
            halfClosed = true
        }
        startAttempt(preferred: preferred)
        scheduleHedge()
    }

    // MARK: Attempts

    private func startAttempt(preferred: ClientConnectionHandler? = nil, transparent: Bool = false) {
        guard !front.finished, committed == nil else { return }
        if !transparent { counted += 1 }
        var options = front.request.options
        options.metadata.removeAll(forKey: "grpc-previous-rpc-attempts")
        if sent > 0 { options.metadata.addString(String(sent), forKey: "grpc-previous-rpc-attempts") }
        sent += 1
        let base = front.request
        let attempt = ClientStream(attemptOf: front, retry: self,
                                   request: StreamRequest(path: base.path, options: options, deadline: base.deadline,
                                                          onlyRequest: base.onlyRequest, maxRequestMessageBytes: base.maxRequestMessageBytes))
        if base.onlyRequest == nil {
            for message in buffer { attempt.outbound.append(message) }
            attempt.outbound.isFinished = halfClosed
        }
        // The gate counts what every live attempt has still to send: the first attempt's
        // messages were counted as the application wrote them, a replay counts again.
        if sent > 1 { front.gate.account(bufferedBytes) }
        live.append(attempt)
        if commitsToFirstAttempt { commit(to: attempt) }
        core.open(attempt, preferred: preferred)
    }

    /// Hedging: the next copy after hedgingDelay, while attempts are left.
    private func scheduleHedge(after delay: Duration? = nil) {
        guard case .hedging(let hedging) = policy, counted < maxAttempts, committed == nil, !stopped else { return }
        if let hedgeTimer { core.loop.cancelTimer(hedgeTimer) }
        hedgeTimer = core.loop.schedule(at: .now + (delay ?? hedging.hedgingDelay)) { [self] in
            hedgeTimer = nil
            sendHedge()
        }
    }

    private func sendHedge() {
        guard !front.finished, committed == nil else { return }
        guard !stopped, counted < maxAttempts, core.throttle?.allowsRetry ?? true else {
            // No copy may go out: with none left in flight, the last failure is the call's.
            if live.isEmpty, let lastFailure { finish(lastFailure.attempt, lastFailure.status) }
            return
        }
        startAttempt()
        scheduleHedge()
    }

    // MARK: Requests

    /// A request message from the application.
    func enqueue(_ bytes: [UInt8]) {
        guard !front.finished else { return }
        if let committed {
            committed.enqueue(bytes)
            return
        }
        keep(bytes)
        // Keeping it may have passed a limit: the call committed to a live attempt, or ended.
        if front.finished { return }
        if let committed {
            committed.enqueue(bytes)
            return
        }
        switch live.count {
        case 0: front.gate.release(bytes.count)  // waiting for a retry: only the buffer holds it
        case 1: break
        default: front.gate.account(bytes.count * (live.count - 1))
        }
        for attempt in live { attempt.enqueue(bytes) }
    }

    func finishOutbound() {
        halfClosed = true
        if let committed {
            committed.finishOutbound()
        } else {
            for attempt in live { attempt.finishOutbound() }
        }
    }

    /// Keeps a message for replay; past the call's or the channel's limit, commits instead.
    private func keep(_ bytes: [UInt8]) {
        let configuration = core.configuration
        guard bufferedBytes + bytes.count <= configuration.perCallRetryBufferSize,
              core.retryBufferUsed + bytes.count <= configuration.retryBufferSize else {
            if let oldest = live.first {
                commit(to: oldest)
            } else if sent == 0 {
                // A6: a call whose request does not fit is not retryable, but still goes out once.
                commitsToFirstAttempt = true
            } else if let lastFailure {
                // Between attempts, with nowhere to send it: the call ends as the last attempt did.
                finish(lastFailure.attempt, lastFailure.status)
            } else {
                front.complete(code: .resourceExhausted, message: "the request stream exceeds the retry buffer", trailers: Metadata(), reset: false)
            }
            return
        }
        buffer.append(bytes)
        bufferedBytes += bytes.count
        core.retryBufferUsed += bytes.count
    }

    private func dropBuffer() {
        core.retryBufferUsed -= bufferedBytes
        buffer = []
        bufferedBytes = 0
    }

    // MARK: Outcomes

    /// Response headers arrived on `attempt`: the call is its from now on.
    func committing(_ attempt: ClientStream) {
        guard committed == nil else { return }
        commit(to: attempt)
    }

    private func commit(to attempt: ClientStream) {
        committed = attempt
        if let hedgeTimer { core.loop.cancelTimer(hedgeTimer) }
        hedgeTimer = nil
        let others = live.filter { $0 !== attempt }
        live = [attempt]
        for other in others {
            other.complete(code: .cancelled, message: "another attempt answered first", trailers: Metadata(), reset: true)
        }
        dropBuffer()
    }

    /// The server refused `attempt` without processing it (REFUSED_STREAM, or past a GOAWAY's
    /// last stream): once per call it goes again at once, without counting as an attempt.
    func refused(_ attempt: ClientStream) -> Bool {
        guard committed == nil, !front.finished, transparentRetries < 1 else { return false }
        transparentRetries += 1
        live.removeAll { $0 === attempt }
        attempt.abandonAttempt()
        startAttempt(transparent: true)
        return true
    }

    /// An attempt ended (its status, or cancelled by the call).
    func attemptEnded(_ attempt: ClientStream, _ status: CallStatus) {
        live.removeAll { $0 === attempt }
        guard !front.finished else { return }
        if let committed {
            // Attempts cancelled for the committed one do not count for the throttle.
            guard attempt === committed else { return }
            record(status)
            return finish(attempt, status)
        }
        record(status)
        if status.code == .ok {
            commit(to: attempt)
            finish(attempt, status)
            return
        }
        lastFailure = (attempt, status)
        switch policy {
        case .retry(let retry): retryAfter(attempt, status, retry)
        case .hedging(let hedging): hedgeAfter(attempt, status, hedging)
        }
    }

    private func retryAfter(_ attempt: ClientStream, _ status: CallStatus, _ retry: RetryPolicy) {
        guard retry.retryableStatusCodes.contains(status.code), counted < maxAttempts,
              core.throttle?.allowsRetry ?? true else {
            return finish(attempt, status)
        }
        let delay: Duration
        switch RetryingCall.pushback(in: status.trailers) {
        case .stop:
            return finish(attempt, status)
        case .after(let milliseconds):
            delay = .milliseconds(milliseconds)
            backoffStep = 0
        case nil:
            // A6: a random delay up to initialBackoff × multiplier^n, capped at maxBackoff.
            let initial = Double(GRPCTimeout.nanosecondsOf(retry.initialBackoff))
            let cap = Double(GRPCTimeout.nanosecondsOf(retry.maxBackoff))
            var limit = initial
            for _ in 0..<backoffStep { limit = min(cap, limit * retry.backoffMultiplier) }
            backoffStep += 1
            delay = .nanoseconds(Int64(Double.random(in: 0...min(cap, limit))))
        }
        retryTimer = core.loop.schedule(at: .now + delay) { [self] in
            retryTimer = nil
            startAttempt()
        }
    }

    private func hedgeAfter(_ attempt: ClientStream, _ status: CallStatus, _ hedging: HedgingPolicy) {
        guard hedging.nonFatalStatusCodes.contains(status.code) else {
            // A fatal code ends the call, and every other copy with it.
            commit(to: attempt)
            return finish(attempt, status)
        }
        switch RetryingCall.pushback(in: status.trailers) {
        case .stop:
            stopped = true
            if let hedgeTimer { core.loop.cancelTimer(hedgeTimer) }
            hedgeTimer = nil
        case .after(let milliseconds):
            scheduleHedge(after: .milliseconds(milliseconds))
        case nil:
            // A non-fatal failure sends the next copy now, instead of after its delay.
            sendHedge()
        }
        if live.isEmpty && (stopped || counted >= maxAttempts || !(core.throttle?.allowsRetry ?? true)) {
            finish(attempt, status)
        }
    }

    /// A6's token bucket: a success gives back tokenRatio; a failure with a retryable (or
    /// non-fatal) code, or with pushback that says not to retry, takes a token.
    private func record(_ status: CallStatus) {
        guard let throttle = core.throttle else { return }
        let failing: Set<StatusCode>
        switch policy {
        case .retry(let retry): failing = retry.retryableStatusCodes
        case .hedging(let hedging): failing = hedging.nonFatalStatusCodes
        }
        if status.code == .ok {
            throttle.recordSuccess()
        } else if failing.contains(status.code) || RetryingCall.pushback(in: status.trailers) == .stop {
            throttle.recordFailure()
        }
    }

    /// The call ends with `attempt`'s status.
    private func finish(_ attempt: ClientStream, _ status: CallStatus) {
        // A trailers-only response has no headers of its own.
        if attempt.sawResponseHeaders { front.responseHeaders.fulfil(.success(Metadata())) }
        front.complete(code: status.code, message: status.message, trailers: status.trailers, reset: false, details: status.details)
    }

    /// The call ended (its status, the application's cancel, the deadline): every attempt goes.
    func frontEnded() {
        for timer in [hedgeTimer, retryTimer].compactMap({ $0 }) { core.loop.cancelTimer(timer) }
        hedgeTimer = nil
        retryTimer = nil
        let attempts = live
        live = []
        for attempt in attempts {
            attempt.complete(code: .cancelled, message: "the call has ended", trailers: Metadata(), reset: true)
        }
        dropBuffer()
        front.retry = nil
    }

    enum Pushback: Equatable {
        case after(Int)
        case stop
    }

    /// `grpc-retry-pushback-ms`: a non-negative 32-bit integer waits that long; anything else
    /// (negative, malformed, too large) stops retries.
    static func pushback(in trailers: Metadata) -> Pushback? {
        guard let text = trailers.firstString(forKey: "grpc-retry-pushback-ms") else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let milliseconds = Int32(text) else { return .stop }
        return .after(Int(milliseconds))
    }
}

import SwiftProto
/// Per-call settings for a client RPC.
public struct CallOptions: Sendable {
    /// How long the call may take; sent to the server as `grpc-timeout`.
    public var timeout: Duration?
    /// An absolute deadline; the earlier of this and `timeout` applies.
    public var deadline: ContinuousClock.Instant?
    /// Custom metadata sent with the request headers.
    public var metadata: Metadata
    /// Wait for the channel to connect (until the deadline) instead of failing fast with UNAVAILABLE.
    public var waitForReady: Bool
    /// Largest response message accepted; larger ones end the call with RESOURCE_EXHAUSTED.
    public var maxReceiveMessageSize: Int
    /// Compresses request messages (and says so in `grpc-encoding`); nil sends them as they are.
    public var compression: CompressionAlgorithm?

    /// Options for one call; every one has a default (no deadline, no metadata, fail fast,
    /// 4 MiB responses, no compression).
    ///
    /// ```swift
    /// let options = CallOptions(timeout: .seconds(5), metadata: ["x-request-id": "42"], compression: .gzip)
    /// ```
    public init(timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil, metadata: Metadata = Metadata(),
                waitForReady: Bool = false, maxReceiveMessageSize: Int = 4 * 1024 * 1024,
                compression: CompressionAlgorithm? = nil) {
        self.compression = compression
        self.timeout = timeout
        self.deadline = deadline
        self.metadata = metadata
        self.waitForReady = waitForReady
        self.maxReceiveMessageSize = maxReceiveMessageSize
    }

    /// The deadline this call runs under, counted from `now`.
    func effectiveDeadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        switch (timeout.map { now + $0 }, deadline) {
        case (let a?, let b?): return min(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return nil
        }
    }
}

import SwiftProto
/// Limits and tuning for a server; every limit has a default.
public struct ServerConfiguration: Sendable {
    /// Largest request message accepted; larger ones end the RPC with RESOURCE_EXHAUSTED.
    public var maxReceiveMessageSize = 4 * 1024 * 1024
    /// Streams a client may have open on one connection (SETTINGS_MAX_CONCURRENT_STREAMS).
    public var maxConcurrentStreams: UInt32 = 100
    /// Largest header list accepted (SETTINGS_MAX_HEADER_LIST_SIZE); larger requests are refused.
    public var maxHeaderListSize: UInt32 = 16 << 10
    /// I/O threads; by default one per core.
    public var threads: Int?
    /// Run handlers on the I/O thread of their connection instead of Swift's cooperative pool.
    /// This saves two thread hops per RPC, but a handler that blocks or computes for long then
    /// holds up every connection on its thread: turn it on for handlers that only await.
    public var runsHandlersOnEventLoop = false

    public init() {}
}

import Instrumentation
import SwiftGRPC

/// Writes what an instrument propagates (W3C `traceparent` and `tracestate`, or a tracer's own
/// keys) into request metadata, replacing values already there under the same key.
///
/// ```swift
/// InstrumentationSystem.instrument.inject(context, into: &call.metadata, using: MetadataInjector())
/// ```
public struct MetadataInjector: Injector {
    /// An injector.
    public init() {}

    /// Sets `key` (lowercased, as metadata keys are) to `value`.
    public func inject(_ value: String, forKey key: String, into carrier: inout Metadata) {
        carrier.removeAll(forKey: key)
        carrier.addString(value, forKey: key)
    }
}

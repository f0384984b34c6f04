import CoreMetrics
import Synchronization
import SwiftGRPC

/// The metrics of one call on either side: counts it when it starts, records each message's
/// size as it passes, and the duration and message counts when it ends.
final class CallRecorder: Sendable {
    /// Which side's labels: `rpc.server.*` or `rpc.client.*`.
    struct Labels: Sendable {
        let started, duration, requestSize, responseSize, requestsPerRPC, responsesPerRPC: String

        static let server = Labels(
            started: RPCMetricLabels.serverCallsStarted, duration: RPCMetricLabels.serverDuration,
            requestSize: RPCMetricLabels.serverRequestSize, responseSize: RPCMetricLabels.serverResponseSize,
            requestsPerRPC: RPCMetricLabels.serverRequestsPerRPC, responsesPerRPC: RPCMetricLabels.serverResponsesPerRPC)
        static let client = Labels(
            started: RPCMetricLabels.clientCallsStarted, duration: RPCMetricLabels.clientDuration,
            requestSize: RPCMetricLabels.clientRequestSize, responseSize: RPCMetricLabels.clientResponseSize,
            requestsPerRPC: RPCMetricLabels.clientRequestsPerRPC, responsesPerRPC: RPCMetricLabels.clientResponsesPerRPC)
    }

    private let labels: Labels
    private let dimensions: [(String, String)]
    private let factory: any MetricsFactory
    private let requestSize: Recorder
    private let responseSize: Recorder
    private let requests = Atomic<Int>(0)
    private let responses = Atomic<Int>(0)
    private let start = ContinuousClock.now

    /// Counts a call of `method` as started; `extraDimensions` follow the method's.
    init(method: MethodDescriptor, extraDimensions: [(String, String)] = [], labels: Labels, factory: any MetricsFactory) {
        let dimensions = [
            (RPCMetricDimensions.system, "grpc"),
            (RPCMetricDimensions.service, method.service),
            (RPCMetricDimensions.method, method.method),
        ] + extraDimensions
        self.labels = labels
        self.dimensions = dimensions
        self.factory = factory
        requestSize = Recorder(label: labels.requestSize, dimensions: dimensions, aggregate: true, factory: factory)
        responseSize = Recorder(label: labels.responseSize, dimensions: dimensions, aggregate: true, factory: factory)
        Counter(label: labels.started, dimensions: dimensions, factory: factory).increment()
    }

    func request(_ message: ObservedMessage) {
        requests.add(1, ordering: .relaxed)
        requestSize.record(message.serializedSize)
    }

    func response(_ message: ObservedMessage) {
        responses.add(1, ordering: .relaxed)
        responseSize.record(message.serializedSize)
    }

    /// Records the call's duration and message counts under its status.
    func finish(_ code: StatusCode) {
        let elapsed = ContinuousClock.now - start
        let dimensions = self.dimensions + [(RPCMetricDimensions.statusCode, String(code.rawValue))]
        Timer(label: labels.duration, dimensions: dimensions, preferredDisplayUnit: .milliseconds, factory: factory)
            .recordNanoseconds(nanoseconds(elapsed))
        Recorder(label: labels.requestsPerRPC, dimensions: dimensions, aggregate: true, factory: factory)
            .record(requests.load(ordering: .relaxed))
        Recorder(label: labels.responsesPerRPC, dimensions: dimensions, aggregate: true, factory: factory)
            .record(responses.load(ordering: .relaxed))
    }

    private func nanoseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}

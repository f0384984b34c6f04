import InMemoryTracing
import Tracing
import W3CTraceContext

/// An in-memory tracer that propagates as OpenTelemetry's tracers do, with W3C Trace Context:
/// its ids are W3C trace and span ids, and it injects and extracts a `traceparent` header,
/// written and parsed by swift-w3c-trace-context.
struct W3CInMemoryTracer: Tracer {
    private let spans = InMemoryTracer(idGenerator: .init(
        nextTraceID: { TraceID.random().description },
        nextSpanID: { SpanID.random().description }
    ))

    var finishedSpans: [FinishedInMemorySpan] { spans.finishedSpans }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        spans.startSpan(operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let span = context.inMemorySpanContext,
              let trace = try? TraceContext(traceParentHeaderValue: "00-\(span.traceID)-\(span.spanID)-01")
        else { return }
        injector.inject(trace.traceParentHeaderValue, forKey: "traceparent", into: &carrier)
    }

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier),
              let trace = try? TraceContext(traceParentHeaderValue: header)
        else { return }
        context.inMemorySpanContext = InMemorySpanContext(
            traceID: trace.traceID.description, spanID: trace.spanID.description, parentSpanID: nil)
    }
}

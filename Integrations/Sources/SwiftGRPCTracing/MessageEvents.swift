import Synchronization
import SwiftGRPC
import Tracing

/// OpenTelemetry's `rpc.message` span events: one per message, numbered from 1 each way.
final class MessageEvents: Sendable {
    private let span: any Span
    private let sentCount = Atomic<Int>(0)
    private let receivedCount = Atomic<Int>(0)

    init(span: any Span) {
        self.span = span
    }

    func sent(_ message: ObservedMessage) {
        add(type: "SENT", id: sentCount.add(1, ordering: .relaxed).newValue, message: message)
    }

    func received(_ message: ObservedMessage) {
        add(type: "RECEIVED", id: receivedCount.add(1, ordering: .relaxed).newValue, message: message)
    }

    private func add(type: String, id: Int, message: ObservedMessage) {
        var attributes = SpanAttributes()
        attributes["rpc.message.type"] = type
        attributes["rpc.message.id"] = id
        attributes["rpc.message.uncompressed_size"] = message.serializedSize
        span.addEvent(SpanEvent(name: "rpc.message", attributes: attributes))
    }
}

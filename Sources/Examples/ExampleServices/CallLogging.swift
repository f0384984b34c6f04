import SwiftGRPC
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Logs each call a server handles, one line on stderr when it ends: method, kind, status,
/// duration, and the messages each way with their encoded sizes.
///
///     server /helloworld.Greeter/SayHello unary OK 0.42 ms, 1 request (7 B), 1 response (19 B)
public struct ServerCallLogging: ServerInterceptor {
    /// Logs every call it applies to.
    public init() {}

    public func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        let start = ContinuousClock.now
        let tally = MessageTally()
        var call = call
        call.onRequest { tally.add(request: $0) }
        call.onResponse { tally.add(response: $0) }
        do {
            try await next(call)
            CallLog.log("server", call.method, status: "OK", since: start, tally)
        } catch let error as RPCError {
            CallLog.log("server", call.method, status: error.description, since: start, tally)
            throw error
        }
    }
}

/// Logs each call a channel makes, one line on stderr when it ends, as ``ServerCallLogging`` does.
public struct ClientCallLogging: ClientInterceptor {
    /// Logs every call it applies to.
    public init() {}

    public func intercept(_ call: inout ClientInterceptorCall) async throws {
        let start = ContinuousClock.now
        let tally = MessageTally()
        let method = call.method
        call.onRequest { tally.add(request: $0) }
        call.onResponse { tally.add(response: $0) }
        call.onFinish { status in
            let text = status.code == .ok ? "OK" : RPCError(code: status.code, message: status.message).description
            CallLog.log("client", method, status: text, since: start, tally)
        }
    }
}

/// Messages counted each way, with their encoded bytes; observers run on whichever task reads
/// or writes, hence the lock.
final class MessageTally: Sendable {
    private struct Counts {
        var requests = 0, requestBytes = 0, responses = 0, responseBytes = 0
    }

    private let counts = Mutex(Counts())

    func add(request: ObservedMessage) {
        counts.withLock {
            $0.requests += 1
            $0.requestBytes += request.serializedSize
        }
    }

    func add(response: ObservedMessage) {
        counts.withLock {
            $0.responses += 1
            $0.responseBytes += response.serializedSize
        }
    }

    /// `1 request (7 B), 2 responses (38 B)`.
    var summary: String {
        counts.withLock { counts in
            "\(MessageTally.count(counts.requests, "request")) (\(counts.requestBytes) B), "
                + "\(MessageTally.count(counts.responses, "response")) (\(counts.responseBytes) B)"
        }
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

/// The one line each logging interceptor writes per call.
enum CallLog {
    static func log(_ side: String, _ method: MethodDescriptor, status: String, since start: ContinuousClock.Instant,
                      _ tally: MessageTally) {
        let line = "\(side) \(method.path) \(method.kind) \(status) \(milliseconds(ContinuousClock.now - start)) ms, \(tally.summary)\n"
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// `0.42`: milliseconds with two decimals, without Foundation's formatting.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let hundredths = seconds * 100_000 + attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

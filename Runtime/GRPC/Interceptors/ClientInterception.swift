import SwiftProto
import Synchronization

/// The interceptors' part of one client call: the options they left, their observers in the
/// order they run, and the call's end, reported to them once. Made only for calls that an
/// interceptor applies to.
final class ClientInterception: Sendable {
    /// The call's options after every interceptor.
    let options: CallOptions
    /// Outermost interceptor first, as requests travel toward the wire.
    let requestObservers: [MessageObserver]
    /// Innermost interceptor first, as responses travel toward the application.
    let responseObservers: [MessageObserver]
    private let finishObservers: [FinishObserver]
    private let reported = Mutex(false)
    private let finished = Promise<Void>()

    init(_ call: ClientInterceptorCall) {
        options = call.options
        requestObservers = call.requestObservers
        responseObservers = call.responseObservers.reversed()
        finishObservers = call.finishObservers.reversed()
    }

    /// Whether the end has been reported (or is being).
    var hasFinished: Bool { reported.withLock { $0 } }

    /// Tells the finish observers how the call ended, once: a second caller (`status()`
    /// beside the reader) waits until they have heard it, so that no caller sees the end of a
    /// call before its interceptors do.
    func finish(_ status: CallStatus) async {
        let first = reported.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return await finished.value }
        for observer in finishObservers { await observer(status) }
        finished.fulfil(())
    }

    /// Frames a request after showing it to the request observers; an observer's error
    /// fails `call` (when it has started) and is thrown as an RPCError.
    func frame<M: Message>(_ message: M, compression: CompressionAlgorithm?, failing call: ClientCall? = nil) async throws -> [UInt8] {
        var size = 0
        let frame = try MessageFramer.frame(message, compression: compression, serializedSize: &size)
        do {
            try await ObservedMessage(message: message, serializedSize: size, compressed: compression != nil).show(to: requestObservers)
        } catch {
            let failure = RPCError(observerFailure: error)
            call?.fail(failure)
            throw failure
        }
        return frame
    }

    /// Runs the start of a call whose end is reported later: a failure to start is its end.
    func starting(_ start: () async throws -> ClientCall) async throws -> ClientCall {
        do {
            return try await start()
        } catch {
            await finish(CallStatus(error as? RPCError ?? RPCError(interceptorFailure: error)))
            throw error
        }
    }

    /// Runs a call that ends in the caller's scope (unary, client streaming), reporting its
    /// end before the result or the error goes back to the caller.
    func reporting<M: Message>(_ call: () async throws -> ClientResponse<M>) async throws -> ClientResponse<M> {
        do {
            let response = try await call()
            await finish(CallStatus(code: .ok, message: "", trailers: response.trailers, details: nil))
            return response
        } catch {
            // An error that is not an RPCError is the caller's own (thrown while writing
            // requests): the call was cancelled for it.
            await finish(CallStatus(error as? RPCError ?? RPCError(code: .cancelled, message: "the call was cancelled by the client")))
            throw error
        }
    }
}

extension CallStatus {
    /// The status an error stands for.
    init(_ error: RPCError) {
        self.init(code: error.code, message: error.message, trailers: error.metadata, details: error.details)
    }
}

extension RPCError {
    /// What an error thrown by a client interceptor or observer fails the call with: an
    /// RPCError as it is, a CancellationError as CANCELLED, anything else as UNKNOWN with its
    /// text (which stays in the process).
    init(interceptorFailure error: any Error) {
        switch error {
        case let error as RPCError: self = error
        case is CancellationError: self.init(code: .cancelled, message: "the call was cancelled")
        default: self.init(code: .unknown, message: "an interceptor failed: \(error)")
        }
    }

    /// What an error thrown by a message observer ends the call with: an RPCError as it is,
    /// a CancellationError as CANCELLED, anything else as UNKNOWN (without its text: on the
    /// server, what the handler rethrows reaches the client).
    init(observerFailure error: any Error) {
        switch error {
        case let error as RPCError: self = error
        case is CancellationError: self.init(code: .cancelled, message: "the call was cancelled")
        default: self.init(code: .unknown, message: "a message observer failed")
        }
    }

    /// What an error from a handler (or a server interceptor) ends its RPC with, as the
    /// client sees it: an RPCError as it is, but cancellation as DEADLINE_EXCEEDED once the
    /// deadline has passed (the server ended the call for it, and cancelled the handler);
    /// any other error as UNKNOWN, without its text, which could leak internals.
    init(handlerFailure error: any Error, deadline: ContinuousClock.Instant?) {
        let deadlinePassed = deadline.map { ContinuousClock.now >= $0 } ?? false
        switch error {
        case let error as RPCError where error.code == .cancelled && deadlinePassed:
            self.init(code: .deadlineExceeded, message: "deadline exceeded")
        case let error as RPCError:
            self = error
        case is CancellationError:
            self.init(code: deadlinePassed ? .deadlineExceeded : .cancelled,
                      message: deadlinePassed ? "deadline exceeded" : "the handler was cancelled")
        default:
            self.init(code: .unknown, message: "the handler failed")
        }
    }
}

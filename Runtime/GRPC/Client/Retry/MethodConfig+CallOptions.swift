extension MethodConfig {
    /// The call's options under this method config: the shorter timeout, wait-for-ready when
    /// either asks for it, the smaller response limit.
    func apply(to options: inout CallOptions) {
        if let timeout { options.timeout = options.timeout.map { min($0, timeout) } ?? timeout }
        if waitForReady == true { options.waitForReady = true }
        if let limit = maxResponseMessageBytes { options.maxReceiveMessageSize = min(options.maxReceiveMessageSize, limit) }
    }
}

extension RPCError {
    /// A request message over the method config's `maxRequestMessageBytes`.
    static func requestTooLarge(_ size: Int, limit: Int) -> RPCError {
        RPCError(code: .resourceExhausted, message: "request message of \(size) bytes exceeds the method's maxRequestMessageBytes of \(limit)")
    }
}

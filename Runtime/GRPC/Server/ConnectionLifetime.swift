/// gRPC A9's limits on a server connection: a graceful GOAWAY ("max_idle") after
/// `maxConnectionIdle` without calls, another ("max_age") after `maxConnectionAge` (±10 %, so
/// connections made together do not all reconnect together), and a hard close
/// `maxConnectionAgeGrace` after the final GOAWAY of an aged connection. Loop-confined.
final class ConnectionLifetime {
    private let maxIdle: Duration?
    private let maxAge: Duration?
    private let ageGrace: Duration?
    private var idleSince = ContinuousClock.now
    private var idleTimer: TimerQueue.ID?
    private var ageTimer: TimerQueue.ID?
    private var graceTimer: TimerQueue.ID?
    private var aged = false

    /// Nil when the configuration sets neither limit: such connections carry no timers.
    init?(configuration: ServerConfiguration) {
        guard configuration.maxConnectionIdle != nil || configuration.maxConnectionAge != nil else { return nil }
        maxIdle = configuration.maxConnectionIdle
        maxAge = configuration.maxConnectionAge
        ageGrace = configuration.maxConnectionAgeGrace
    }

    func start(_ handler: ServerConnectionHandler) {
        idleSince = .now
        if maxIdle != nil { armIdle(handler) }
        if let maxAge {
            let jittered = maxAge * Double.random(in: 0.9...1.1)
            // Strong captures of the handler (weak ones slow every retain of it); `stop`
            // cancels the timers when the connection closes.
            ageTimer = handler.loop.schedule(at: .now + jittered) { [weak self] in
                guard let self else { return }
                ageTimer = nil
                aged = true
                handler.goAwayGracefully(debugData: "max_age")
            }
        }
    }

    /// Streams opened or closed: idleness counts from the moment the last call ended.
    func callsChanged(_ handler: ServerConnectionHandler) {
        guard maxIdle != nil, handler.openStreams == 0 else { return }
        idleSince = .now
        if idleTimer == nil { armIdle(handler) }
    }

    private func armIdle(_ handler: ServerConnectionHandler) {
        guard let maxIdle else { return }
        idleTimer = handler.loop.schedule(at: idleSince + maxIdle) { [weak self] in
            guard let self else { return }
            idleTimer = nil
            guard handler.openStreams == 0 else { return }  // callsChanged re-arms when they end
            if ContinuousClock.now >= idleSince + maxIdle {
                handler.goAwayGracefully(debugData: "max_idle")
            } else {
                armIdle(handler)
            }
        }
    }

    func finalGoawaySent(_ handler: ServerConnectionHandler) {
        guard aged, let ageGrace else { return }
        graceTimer = handler.loop.schedule(at: .now + ageGrace) {
            handler.cancelAll(reason: "the connection reached its maximum age")
            handler.connection.closeAfterFlush(reason: "maximum connection age and grace reached")
        }
    }

    func stop(on loop: EventLoop) {
        for timer in [idleTimer, ageTimer, graceTimer] {
            if let timer { loop.cancelTimer(timer) }
        }
        idleTimer = nil
        ageTimer = nil
        graceTimer = nil
    }
}

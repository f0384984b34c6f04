/// A service that follows the server hosting it: ``HealthService`` reports the server's state,
/// ``ReflectionService`` describes the services beside it. The server calls these itself; both
/// have empty defaults.
public protocol ServerObservingService: RegistrableService {
    /// Called once by `Server.init`, with everything that server hosts (this service included).
    func serverWillServe(_ services: HostedServices)

    /// Called when the server's graceful shutdown begins, before it stops accepting and drains
    /// the calls in flight: what a client should learn before the server goes away (a health
    /// status of NOT_SERVING) is said here. It must not block.
    func serverWillShutDown()
}

extension ServerObservingService {
    /// Does nothing.
    public func serverWillServe(_ services: HostedServices) {}

    /// Does nothing.
    public func serverWillShutDown() {}
}

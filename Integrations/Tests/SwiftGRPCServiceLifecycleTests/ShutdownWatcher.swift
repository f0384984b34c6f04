import SwiftGRPC

/// A service with no methods that hears the server's graceful shutdown begin.
struct ShutdownWatcher: ServerObservingService {
    let began = Signal()

    func register(with router: inout Router) {}

    func serverWillShutDown() {
        began.fire()
    }
}

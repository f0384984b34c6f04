/// An interceptor with the calls it applies to: every call, the calls of some services, or of
/// some methods. Channels and servers take a list of them, outermost first.
///
/// ```swift
/// configuration.interceptors = [
///     .apply(LoggingInterceptor(), to: .all),
///     .apply(RequireToken(token: "s3cr3t"), to: .services(["helloworld.Greeter"])),
/// ]
/// ```
public struct ConditionalInterceptor<Interceptor: Sendable>: Sendable {
    /// Which calls an interceptor applies to.
    public struct Subject: Sendable, Hashable {
        private enum Selection: Hashable {
            case all
            case services(Set<String>)
            case methods(Set<String>)
        }

        private let selection: Selection

        /// Every call.
        public static var all: Subject { Subject(selection: .all) }

        /// The calls of these services, by fully qualified name (`package.Service`).
        public static func services(_ names: Set<String>) -> Subject { Subject(selection: .services(names)) }

        /// The calls of these methods, by path (`/package.Service/Method`).
        public static func methods(_ paths: Set<String>) -> Subject { Subject(selection: .methods(paths)) }

        /// Whether a call of `method` is among the subject's.
        public func applies(to method: MethodDescriptor) -> Bool {
            switch selection {
            case .all: return true
            case .services(let names): return names.contains(method.service)
            case .methods(let paths): return paths.contains(method.path)
            }
        }
    }

    /// The interceptor.
    public let interceptor: Interceptor
    /// The calls it applies to.
    public let subject: Subject

    /// `interceptor` for the calls of `subject`.
    public static func apply(_ interceptor: Interceptor, to subject: Subject) -> Self {
        Self(interceptor: interceptor, subject: subject)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// An errno with the call that set it.
struct SystemError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    static func last(_ call: String) -> SystemError { SystemError(call: call, code: errno) }

    var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}

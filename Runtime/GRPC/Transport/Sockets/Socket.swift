import SwiftProto
#if canImport(Glibc)
import Glibc
#endif

/// Socket calls with errors as Swift errors; every socket is non-blocking and close-on-exec.
enum Socket {
    /// Resolved addresses for a target (getaddrinfo blocks: call it off the event loops).
    static func resolve(_ target: SocketTarget, passive: Bool) throws -> [[UInt8]] {
        switch target {
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                throw RPCError(code: .invalidArgument, message: "unix socket path too long: \(path)")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            return [withUnsafeBytes(of: address) { Array($0) }]
        case .unixAbstract(let name):
            return [try abstractAddress(name)]
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = passive ? AI_PASSIVE : 0
            var result: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &result)
            guard status == 0, let first = result else {
                // EAI_SYSTEM's own text is only "System error"; the cause is in errno.
                let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
                throw RPCError(code: .unavailable, message: "cannot resolve \(host): \(reason)")
            }
            defer { freeaddrinfo(first) }
            var addresses: [[UInt8]] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let info = cursor {
                addresses.append(Array(UnsafeRawBufferPointer(start: info.pointee.ai_addr, count: Int(info.pointee.ai_addrlen))))
                cursor = info.pointee.ai_next
            }
            return addresses
        case .inProcess:
            throw RPCError(code: .invalidArgument, message: "\(target) names a server in this process, not a socket address")
        }
    }

    /// The kernel reads an abstract name as every byte after the leading NUL up to the length it
    /// is given, trailing NULs included, so the address is cut to the name's end rather than
    /// passed as the whole `sockaddr_un` (callers use the array's count as the length).
    private static func abstractAddress(_ name: String) throws -> [UInt8] {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw RPCError(code: .invalidArgument, message: "unix-abstract name must be 1 to \(MemoryLayout.size(ofValue: address.sun_path) - 1) bytes: '\(name)'")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw[0] = 0
            UnsafeMutableRawBufferPointer(rebasing: raw[1...]).copyBytes(from: bytes)
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + 1 + bytes.count
        return withUnsafeBytes(of: address) { Array($0.prefix(length)) }
    }

    /// Reads only the family field: an abstract Unix address is shorter than a `sockaddr`.
    static func family(of address: [UInt8]) -> Int32 {
        address.withUnsafeBytes { Int32($0.load(fromByteOffset: MemoryLayout<sockaddr>.offset(of: \.sa_family)!, as: sa_family_t.self)) }
    }

    static func open(family: Int32) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError.last("socket") }
        if family != AF_UNIX { setNoDelay(fd) }
        return fd
    }

    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// A listening socket; returns it with the port actually bound (for port 0).
    static func listen(_ target: SocketTarget) throws -> (fd: Int32, port: Int) {
        if case .unix(let path) = target { try removeStaleSocket(at: path, target: target) }
        var lastError: Error = RPCError(code: .unavailable, message: "no address to listen on for \(target)")
        for address in try resolve(target, passive: true) {
            let fd = try open(family: family(of: address))
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            let bound = address.withUnsafeBytes { raw in
                bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
                lastError = SystemError.last("bind \(target)")
                close(fd)
                continue
            }
            return (fd, localPort(fd))
        }
        throw lastError
    }

    /// A socket file left by a server that is gone would make bind fail, so it is removed; but
    /// only a socket, and only one nobody answers on: any other file, or a live server's
    /// socket, is an error rather than something to delete.
    private static func removeStaleSocket(at path: String, target: SocketTarget) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw RPCError(code: .invalidArgument, message: "cannot listen on \(target): \(path) exists and is not a socket")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(probe) }
        let answered = try resolve(target, passive: true)[0].withUnsafeBytes { raw in
            connect(probe, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count)) == 0
        }
        guard !answered else {
            throw RPCError(code: .unavailable, message: "cannot listen on \(target): another server is listening there")
        }
        unlink(path)
    }

    static func localPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard ok == 0 else { return 0 }
        switch Int32(storage.ss_family) {
        case AF_INET: return withUnsafeBytes(of: storage) { Int(UInt16(bigEndian: $0.load(as: sockaddr_in.self).sin_port)) }
        case AF_INET6: return withUnsafeBytes(of: storage) { Int(UInt16(bigEndian: $0.load(as: sockaddr_in6.self).sin6_port)) }
        default: return 0
        }
    }

    /// Starts a non-blocking connect; true when it completed at once.
    static func startConnect(_ fd: Int32, to address: [UInt8]) throws -> Bool {
        let result = address.withUnsafeBytes { raw in
            connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if result == 0 { return true }
        if errno == EINPROGRESS { return false }
        throw SystemError.last("connect")
    }

    /// The outcome of a non-blocking connect, once the socket is writable.
    static func connectError(_ fd: Int32) -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error
    }
}

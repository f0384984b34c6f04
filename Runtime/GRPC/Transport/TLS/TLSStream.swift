import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// TLS over another byte stream, on its event loop: OpenSSL reads ciphertext from the bytes
/// the loop has just received and writes records straight into the stream below, through a
/// BIO over that memory; no call blocks, no thread is added. The handshake is bounded by a
/// timeout and, for memory, by OpenSSL's limits on handshake messages and certificate lists.
final class TLSStream: ByteStream, ByteStreamReceiver {
    enum Role {
        /// `serverName`: what the server's certificate must carry, and the SNI when it is a name.
        case client(serverName: String)
        case server
    }

    private let inner: any ByteStream
    private let loop: EventLoop
    private let role: Role
    private let ssl: OpaquePointer
    private let handshakeTimeout: Duration
    private var handshakeTimer: TimerQueue.ID?
    private var handshaking = true
    private var receivedAnything = false
    private var isClosed = false
    /// Ciphertext received and not yet taken by OpenSSL (valid only inside `received`).
    private var input = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Records OpenSSL wrote, gathered so that one SSL_write of many records (or a handshake
    /// flight) reaches the stream below in one write, not one syscall per 16 KiB record.
    private var sealed: [UInt8] = []
    var receiver: (any ByteStreamReceiver)?
    private(set) var peer: PeerIdentity

    init(over inner: any ByteStream, loop: EventLoop, context: TLSContext, role: Role, handshakeTimeout: Duration) {
        self.inner = inner
        self.loop = loop
        self.role = role
        self.handshakeTimeout = handshakeTimeout
        peer = inner.peer
        ssl = SSL_new(context.pointer)
        let bio = BIO_new(TLSStream.bioMethod.pointer)
        BIO_set_data(bio, Unmanaged.passUnretained(self).toOpaque())
        BIO_set_init(bio, 1)
        SSL_set_bio(ssl, bio, bio)
        switch role {
        case .client(let serverName):
            SSL_set_connect_state(ssl)
            if TLSStream.isIPAddress(serverName) {
                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName)
            } else {
                _ = swiftgrpc_ssl_set_tlsext_host_name(ssl, serverName)
                SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
                SSL_set1_host(ssl, serverName)
            }
        case .server:
            SSL_set_accept_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    var queuedBytes: Int { inner.queuedBytes }

    func start() throws {
        inner.receiver = self
        try inner.start()
    }

    // MARK: ByteStreamReceiver (the stream below)

    func streamReady() {
        // A strong capture (a weak one slows every retain): the timer is cancelled when the
        // handshake ends either way.
        handshakeTimer = loop.schedule(at: .now + handshakeTimeout) { [self] in
            guard handshaking else { return }
            fail("TLS handshake not finished within \(KeepalivePinger.describe(handshakeTimeout))")
        }
        advanceHandshake()
    }

    func received(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed else { return }
        if !receivedAnything {
            receivedAnything = true
            if case .server = role, let answer = PlaintextOnTLSPort.answer(to: bytes) {
                answer.withUnsafeBytes { inner.write($0) }
                inner.closeWhenWritten()
                streamClosed(reason: "the client spoke plaintext to a TLS port")
                return
            }
        }
        input = bytes
        defer { input = UnsafeRawBufferPointer(start: nil, count: 0) }
        if handshaking { advanceHandshake() }
        if !handshaking && !isClosed { readPlaintext() }
    }

    func writeQueueDrained() {
        receiver?.writeQueueDrained()
    }

    func streamClosed(reason: String) {
        guard !isClosed else { return }
        isClosed = true
        cancelHandshakeTimer()
        let receiver = self.receiver
        self.receiver = nil
        receiver?.streamClosed(reason: handshaking ? "TLS handshake failed: \(reason)" : reason)
    }

    // MARK: ByteStream (for HTTP/2 above)

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, !handshaking, bytes.count > 0 else { return }
        ERR_clear_error()
        // The BIO below never refuses bytes, so one SSL_write takes all of them.
        let written = SSL_write(ssl, bytes.baseAddress, Int32(bytes.count))
        if written <= 0 {
            fail("TLS write failed: \(describe(SSL_get_error(ssl, written)))")
            return
        }
        writeSealed()
    }

    /// Hands the gathered records to the stream below.
    fileprivate func writeSealed() {
        guard !sealed.isEmpty else { return }
        sealed.withUnsafeBytes { inner.write($0) }
        sealed.removeAll(keepingCapacity: true)
    }

    func close() {
        guard endSession() else { return }
        inner.close()
    }

    func closeWhenWritten() {
        guard endSession() else { return }
        inner.closeWhenWritten()
    }

    /// Stops events and queues close_notify (so the peer can tell an end from a cut); false
    /// when already closed.
    private func endSession() -> Bool {
        guard !isClosed else { return false }
        isClosed = true
        cancelHandshakeTimer()
        receiver = nil
        if !handshaking {
            ERR_clear_error()
            SSL_shutdown(ssl)
            writeSealed()
        }
        return true
    }

    // MARK: The handshake and the records after it

    private func advanceHandshake() {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        writeSealed()
        if result == 1 {
            handshakeFinished()
            return
        }
        let error = SSL_get_error(ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return }
        fail(describe(error))
    }

    private func handshakeFinished() {
        var protocolData: UnsafePointer<UInt8>?
        var protocolLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &protocolData, &protocolLength)
        let alpn = String(decoding: UnsafeBufferPointer(start: protocolData, count: Int(protocolLength)), as: UTF8.self)
        guard alpn == "h2" else {
            fail(alpn.isEmpty ? "the peer negotiated no ALPN protocol (gRPC needs h2)" : "the peer negotiated ALPN '\(alpn)', not h2")
            return
        }
        handshaking = false
        cancelHandshakeTimer()
        peer.tls = TLSSessionInfo(
            protocolVersion: String(cString: SSL_get_version(ssl)),
            cipherSuite: SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "",
            applicationProtocol: alpn,
            peerCertificate: SSL_get1_peer_certificate(ssl).map { certificate in
                defer { X509_free(certificate) }
                return PeerCertificate(certificate)
            })
        receiver?.streamReady()
    }

    private func readPlaintext() {
        let buffer = loop.plaintextBuffer
        while !isClosed {
            ERR_clear_error()
            let count = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
            if count > 0 {
                receiver?.received(UnsafeRawBufferPointer(rebasing: buffer[..<Int(count)]))
                continue
            }
            // Reading can write too (a key update's answer, a session ticket).
            writeSealed()
            let error = SSL_get_error(ssl, count)
            switch error {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return
            case SSL_ERROR_ZERO_RETURN: fail("the peer closed the TLS session")
            default: fail(describe(error))
            }
        }
    }

    private func fail(_ reason: String) {
        guard !isClosed else { return }
        let receiver = self.receiver
        let duringHandshake = handshaking
        // An alert OpenSSL queued (a failed verification, say) goes out before the close.
        writeSealed()
        inner.close()
        isClosed = true
        cancelHandshakeTimer()
        self.receiver = nil
        receiver?.streamClosed(reason: duringHandshake ? "TLS handshake failed: \(reason)" : reason)
    }

    private func cancelHandshakeTimer() {
        if let handshakeTimer { loop.cancelTimer(handshakeTimer) }
        handshakeTimer = nil
    }

    /// What went wrong, with the certificate check's own words when that was it, and a hint
    /// when the other side is not speaking TLS at all.
    private func describe(_ error: Int32) -> String {
        var reason = error == SSL_ERROR_SYSCALL ? "the connection ended during TLS" : OpenSSLError.drain()
        let verification = SSL_get_verify_result(ssl)
        if verification != X509_V_OK {
            reason += " (\(String(cString: X509_verify_cert_error_string(verification))))"
        }
        if reason.contains("wrong version number") || reason.contains("packet length too long") || reason.contains("http request") {
            reason += " (is the peer speaking plaintext?)"
        }
        return reason
    }

    static func isIPAddress(_ name: String) -> Bool {
        var storage = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, name, &storage) == 1 || inet_pton(AF_INET6, name, &storage) == 1
    }

    // MARK: The BIO

    fileprivate func bioRead(_ destination: UnsafeMutablePointer<CChar>?, _ capacity: Int32) -> Int32 {
        let count = min(Int(capacity), input.count)
        guard count > 0, let destination else { return -1 }
        UnsafeMutableRawPointer(destination).copyMemory(from: input.baseAddress!, byteCount: count)
        input = UnsafeRawBufferPointer(rebasing: input[count...])
        return Int32(count)
    }

    fileprivate func bioWrite(_ source: UnsafePointer<CChar>?, _ count: Int32) {
        sealed.append(contentsOf: UnsafeRawBufferPointer(start: source, count: Int(count)))
    }

    /// Reads from the bytes being received, writes into the stream below; never blocks: with
    /// nothing left to read it asks OpenSSL to retry, which surfaces as SSL_ERROR_WANT_READ.
    private static let bioMethod: BIOMethod = {
        let method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "swiftgrpc")!
        BIO_meth_set_read(method) { bio, destination, capacity in
            let stream = Unmanaged<TLSStream>.fromOpaque(BIO_get_data(bio)).takeUnretainedValue()
            swiftgrpc_bio_clear_retry_flags(bio)
            let count = stream.bioRead(destination, capacity)
            if count < 0 { swiftgrpc_bio_set_retry_read(bio) }
            return count
        }
        BIO_meth_set_write(method) { bio, source, count in
            let stream = Unmanaged<TLSStream>.fromOpaque(BIO_get_data(bio)).takeUnretainedValue()
            swiftgrpc_bio_clear_retry_flags(bio)
            stream.bioWrite(source, count)
            return count
        }
        BIO_meth_set_ctrl(method) { bio, command, _, _ in
            // OpenSSL flushes after each handshake flight and alert.
            guard command == BIO_CTRL_FLUSH else { return 0 }
            Unmanaged<TLSStream>.fromOpaque(BIO_get_data(bio)).takeUnretainedValue().writeSealed()
            return 1
        }
        return BIOMethod(pointer: method)
    }()

    /// Made once and never changed: OpenSSL reads it from any thread.
    private struct BIOMethod: @unchecked Sendable {
        let pointer: OpaquePointer
    }
}

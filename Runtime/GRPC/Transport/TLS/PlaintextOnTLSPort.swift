/// What a TLS port says to a client that speaks plaintext to it, in the client's own protocol,
/// so that its error names the cause instead of "connection closed": an HTTP/2 client gets
/// SETTINGS and GOAWAY(INADEQUATE_SECURITY) with a reason, an HTTP/1 client a 400.
enum PlaintextOnTLSPort {
    static let reason = "this port requires TLS"

    static func answer(to firstBytes: UnsafeRawBufferPointer) -> [UInt8]? {
        if firstBytes.starts(with: "PRI * HTTP/2.0".utf8) {
            let debug = Array(reason.utf8)
            let settings: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 0, 0]
            let length = 8 + debug.count
            // GOAWAY: last stream 0, error INADEQUATE_SECURITY (0xc), then the reason.
            let goaway: [UInt8] = [UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), 7, 0, 0, 0, 0, 0,
                                   0, 0, 0, 0, 0, 0, 0, 0xC]
            return settings + goaway + debug
        }
        for method in ["GET ", "POST ", "HEAD ", "PUT ", "OPTIONS "] where firstBytes.starts(with: method.utf8) {
            return Array("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: \(reason.utf8.count + 1)\r\nConnection: close\r\n\r\n\(reason)\n".utf8)
        }
        return nil
    }
}

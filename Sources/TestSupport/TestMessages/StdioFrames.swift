#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Length-prefixed messages on stdin and stdout (a 4-byte little-endian length, then the
/// bytes): the framing of protobuf's conformance protocol, which the test tools share.
public enum StdioFrames {
    /// The next frame from stdin; nil at EOF.
    public static func read() -> [UInt8]? {
        guard let header = readExactly(4) else { return nil }
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16 | Int(header[3]) << 24
        return readExactly(length)
    }

    /// Writes one frame to stdout; exits if stdout is gone.
    public static func write(_ bytes: [UInt8]) {
        let size = UInt32(bytes.count)
        let frame = [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + bytes
        var written = 0
        while written < frame.count {
            let n = frame[written...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                exit(1)
            }
            written += n
        }
    }

    private static func readExactly(_ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer[filled...].withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return nil
            }
            filled += n
        }
        return buffer
    }
}

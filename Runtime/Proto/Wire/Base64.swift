/// Base64 (RFC 4648): ProtoJSON writes `bytes` padded in the standard alphabet and reads both
/// alphabets, padded or not; gRPC sends binary metadata unpadded.
public enum Base64 {
    @usableFromInline static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Both alphabets at once: `+` and `-` are 62, `/` and `_` are 63.
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The standard-alphabet encoding of `bytes`; `padded: false` leaves out the trailing `=`.
    public static func encode(_ bytes: [UInt8], padded: Bool = true) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out, padded: padded)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `bytes` to `out` (the JSON writer's buffer).
    public static func append(_ bytes: [UInt8], to out: inout [UInt8], padded: Bool = true) {
        out.reserveCapacity(out.count + (bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(alphabet[Int(chunk >> 6 & 63)])
            out.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            var chunk = UInt32(bytes[index]) << 16
            if rest == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            if rest == 2 { out.append(alphabet[Int(chunk >> 6 & 63)]) }
            if padded { out += [UInt8](repeating: UInt8(ascii: "="), count: 3 - rest) }
        }
    }

    /// Decodes padded or unpadded base64 in either alphabet; nil for anything else.
    public static func decode(_ text: Substring) -> [UInt8]? {
        decode(Array(text.utf8))
    }

    /// Decodes padded or unpadded base64 in either alphabet; nil for anything else.
    public static func decode(_ text: [UInt8]) -> [UInt8]? {
        text.withUnsafeBufferPointer { decode($0) }
    }

    /// Decodes padded or unpadded base64 in either alphabet; nil for anything else.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var end = text.count
        var padding = 0
        while end > 0 && text[end - 1] == UInt8(ascii: "=") {
            end -= 1
            padding += 1
        }
        // Padding, when present, makes the length a multiple of four, and is at most two.
        guard end % 4 != 1, padding <= 2, padding == 0 || (end + padding) % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(end * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<end {
            let value = reverse[Int(text[index])]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }
}

/// UTF-8 checks for proto `string` fields, which must hold valid UTF-8 on the wire.
public enum UTF8Validation {
    /// A String from `bytes`, or nil when they are not valid UTF-8 (overlong forms, surrogates,
    /// values above U+10FFFF and truncated sequences included).
    @inlinable
    public static func string(from bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return "" }
        // String(decoding:) validates as it copies, replacing what is invalid with U+FFFD;
        // unlike String(validating:) it is not generic over the encoding, so it costs no
        // metadata lookups. Valid input comes out byte for byte the same, invalid input does
        // not: one comparison tells them apart without validating twice.
        var string = String(decoding: bytes, as: UTF8.self)
        let unchanged = string.withUTF8 { copy in
            copy.count == bytes.count && equal(UnsafeRawPointer(copy.baseAddress!), UnsafeRawPointer(bytes.baseAddress!), count: copy.count)
        }
        return unchanged ? string : nil
    }

    @inlinable
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        while index < count {
            if a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) { return false }
            index += 1
        }
        return true
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates, nothing past
    /// U+10FFFF): a stand-alone check; the decoder itself uses `string(from:)`.
    @inlinable
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        // ASCII eight bytes at a time: most proto strings are ASCII.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0  // no overlong 3-byte forms
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F  // no surrogates
            case 0xF0: length = 4; lower = 0x90  // no overlong 4-byte forms
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F  // nothing above U+10FFFF
            default: return false
            }
            guard index + length <= count else { return false }
            let second = base[index + 1]
            guard second >= lower && second <= upper else { return false }
            var continuation = 2
            while continuation < length {
                guard base[index + continuation] & 0xC0 == 0x80 else { return false }
                continuation += 1
            }
            index += length
        }
        return true
    }
}

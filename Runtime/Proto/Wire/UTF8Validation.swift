/// UTF-8 checks for proto `string` fields, which must hold valid UTF-8 on the wire.
public enum UTF8Validation {
    /// A String from `bytes`, or nil when they are not valid UTF-8 (overlong forms, surrogates
    /// and truncated sequences included).
    @inlinable
    public static func string(from bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.isEmpty { return "" }
        return String(validating: bytes, as: UTF8.self)
    }
}

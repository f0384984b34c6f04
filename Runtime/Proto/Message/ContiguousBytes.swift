/// Byte containers a message can be decoded from without copying.
public protocol ContiguousBytes {
    /// Calls `body` with the bytes, valid only for the call.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// `[UInt8]`, the type serialization returns, decodes without a copy.
extension Array: ContiguousBytes where Element == UInt8 {}
/// A slice of a larger buffer (a frame inside a read buffer) decodes in place.
extension ArraySlice: ContiguousBytes where Element == UInt8 {}
/// `ContiguousArray<UInt8>` decodes without a copy.
extension ContiguousArray: ContiguousBytes where Element == UInt8 {}
/// Memory you own (a C library's buffer, a memory-mapped file) decodes in place.
extension UnsafeRawBufferPointer: ContiguousBytes {
    /// Calls `body` with the buffer itself.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(self)
    }
}
/// Typed byte buffers you own decode in place.
extension UnsafeBufferPointer: ContiguousBytes where Element == UInt8 {
    /// Calls `body` with the buffer's bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(self))
    }
}

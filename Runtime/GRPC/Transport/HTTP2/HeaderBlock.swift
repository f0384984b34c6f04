import CNGHTTP2

/// nghttp2's header array over one contiguous copy of the names and values.
enum HeaderBlock {
    static func with<R>(_ headers: [(String, String)], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
        var storage: [UInt8] = []
        var ranges: [(Int, Int, Int, Int)] = []
        for (name, value) in headers {
            let nameStart = storage.count
            storage += name.utf8
            let valueStart = storage.count
            storage += value.utf8
            ranges.append((nameStart, valueStart - nameStart, valueStart, storage.count - valueStart))
        }
        return storage.withUnsafeMutableBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
            let nva = ranges.map { range in
                nghttp2_nv(name: base + range.0, value: base + range.2, namelen: range.1, valuelen: range.3,
                           flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nva.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }
}

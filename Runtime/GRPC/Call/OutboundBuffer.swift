import SwiftProto
/// Framed messages queued on a stream, waiting for nghttp2 to ask for DATA. Loop-confined.
struct OutboundBuffer {
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var offset = 0
    /// The application's side is finished (after the queued bytes).
    var isFinished = false

    var isEmpty: Bool { head == chunks.count }

    /// Bytes queued and not yet read.
    var unsentBytes: Int {
        chunks[head...].reduce(0) { $0 + $1.count } - offset
    }

    mutating func append(_ bytes: [UInt8]) {
        chunks.append(bytes)
    }

    /// Copies as much as fits into `buffer`; returns the count.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var copied = 0
        while copied < buffer.count && head < chunks.count {
            let chunk = chunks[head]
            let count = min(chunk.count - offset, buffer.count - copied)
            chunk.withUnsafeBytes { source in
                (buffer.baseAddress! + copied).copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            copied += count
            offset += count
            if offset == chunk.count {
                chunks[head] = []
                head += 1
                offset = 0
            }
        }
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        }
        return copied
    }
}

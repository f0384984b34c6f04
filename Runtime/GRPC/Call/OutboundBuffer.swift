import SwiftProto
/// Framed messages queued on a stream, waiting for nghttp2 to ask for DATA. Loop-confined.
struct OutboundBuffer {
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var offset = 0
    /// The application's side is finished (after the queued bytes).
    var isFinished = false
    /// While non-zero, bytes read stay queued behind the read position, up to this many, so a
    /// stream the server refused unprocessed can be sent again (`rewind`).
    private var keepLimit = 0
    /// Bytes read and kept.
    private var readBytes = 0

    var keepsSentBytes: Bool { keepLimit > 0 }

    /// Keeps what is read, up to `limit` bytes; past them, stops keeping.
    mutating func keepSent(upTo limit: Int) {
        keepLimit = limit
    }

    /// Forgets the bytes read and stops keeping them (the peer has answered).
    mutating func dropSent() {
        keepLimit = 0
        readBytes = 0
        chunks.removeSubrange(0..<head)
        head = 0
    }

    /// Queues every kept byte again; returns how many.
    mutating func rewind() -> Int {
        let again = readBytes
        head = 0
        offset = 0
        readBytes = 0
        return again
    }

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
                if keepLimit == 0 { chunks[head] = [] }
                head += 1
                offset = 0
            }
        }
        if keepLimit > 0 {
            readBytes += copied
            if readBytes > keepLimit { dropSent() }
        } else if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        }
        return copied
    }
}

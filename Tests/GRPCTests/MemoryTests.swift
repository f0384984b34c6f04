import SwiftGRPC
import TestMessages
import TestServices
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Resident set size of this process: the second field of /proc/self/statm, in pages.
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
    let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
    guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

@Suite(.timeLimit(.minutes(2)))
struct MemoryTests {
    /// 20,000 RPCs (unary and streaming, client and server in this process): after a warm-up,
    /// the resident size stops growing — nothing per call is left behind.
    @Test(arguments: Transport.tcpAndInProcess)
    func residentSizeStopsGrowing(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            func batch(_ calls: Int) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<50 {
                        group.addTask {
                            for index in 0..<(calls / 50) {
                                if index % 10 == 0 {
                                    for try await _ in try await client.expand(request("s", count: 3)) {}
                                } else {
                                    _ = try await client.get(request("memory \(worker) \(index)", payload: [UInt8](repeating: 7, count: 512)))
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await batch(5_000)
            let afterWarmUp = residentBytes()
            try await batch(5_000)
            let middle = residentBytes()
            try await batch(10_000)
            let end = residentBytes()
            #expect(afterWarmUp > 0)
            // A leak of even 200 bytes per call would add 2 MB over the last 10,000 calls.
            let growth = end - middle
            #expect(growth < 2_000_000, "RSS grew \(growth) bytes over 10,000 calls (warm-up \(afterWarmUp), middle \(middle), end \(end))")
        }
    }
}

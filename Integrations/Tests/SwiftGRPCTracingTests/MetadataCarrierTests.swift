import SwiftGRPC
import SwiftGRPCTracing
import Testing

@Suite struct MetadataCarrierTests {
    @Test func injectingReplacesTheKeysValues() {
        var metadata: Metadata = ["traceparent": "stale", "x-other": "kept"]
        MetadataInjector().inject("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", forKey: "TraceParent", into: &metadata)
        #expect(metadata["traceparent"] == [.string("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")])
        #expect(metadata.firstString(forKey: "x-other") == "kept")
    }

    @Test func extractingJoinsRepeatedValues() {
        var metadata = Metadata()
        metadata.addString("congo=t61rcWkgMzE", forKey: "tracestate")
        metadata.addString("rojo=00f067aa0ba902b7", forKey: "tracestate")
        metadata.addBinary(Array("bytes".utf8), forKey: "x-context-bin")
        let extractor = MetadataExtractor()
        #expect(extractor.extract(key: "tracestate", from: metadata) == "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
        #expect(extractor.extract(key: "x-context-bin", from: metadata) == "bytes")
        #expect(extractor.extract(key: "traceparent", from: metadata) == nil)
    }
}

import Instrumentation
import SwiftGRPC

/// Reads what an instrument propagates from request metadata.
public struct MetadataExtractor: Extractor {
    /// An extractor.
    public init() {}

    /// The values of `key`, joined with commas as HTTP joins repeated header fields (a
    /// `tracestate` may come split over several); binary values read as UTF-8. Nil when absent.
    public func extract(key: String, from carrier: Metadata) -> String? {
        let values = carrier[key].map { value -> String in
            switch value {
            case .string(let text): return text
            case .binary(let bytes): return String(decoding: bytes, as: UTF8.self)
            }
        }
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}

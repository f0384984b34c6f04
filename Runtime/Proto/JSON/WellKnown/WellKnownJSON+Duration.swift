/// Duration: seconds with a fraction and an `s`, `"1.500s"`, `"-0.25s"`; within ±10,000 years.
extension WellKnownJSON {
    static let maximumDurationSeconds: Int64 = 315_576_000_000

    /// Writes `"1.500s"`: seconds, 0, 3, 6 or 9 fractional digits, and `s`.
    ///
    /// - Throws: ``JSONEncodingError`` beyond ±315,576,000,000 s or with mixed signs.
    public static func encode(_ duration: Google_Protobuf_Duration, to writer: inout JSONWriter) throws {
        let seconds = duration.seconds
        let nanos = duration.nanos
        guard seconds.magnitude <= maximumDurationSeconds, nanos.magnitude <= 999_999_999,
              (seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0)) else {
            throw JSONEncodingError("Duration \(seconds)s \(nanos)ns is out of range or has mixed signs")
        }
        var text = seconds < 0 || nanos < 0 ? "-" : ""
        text += String(seconds.magnitude)
        appendFraction(Int32(nanos.magnitude), to: &text)
        writer.putString(text + "s")
    }

    /// Reads `"1.5s"`, `"-0.000000001s"` (up to nine fractional digits), within range.
    public static func decode(_ duration: inout Google_Protobuf_Duration, from reader: inout JSONReader) throws {
        let start = reader.position
        let text = try reader.readString()
        guard let (seconds, nanos) = parseDuration(text) else {
            reader.rewind(to: start)
            throw reader.error("\"\(text)\" is not a duration such as \"1.5s\" within ±315576000000 s")
        }
        duration.seconds = seconds
        duration.nanos = nanos
    }

    static func parseDuration(_ text: String) -> (Int64, Int32)? {
        guard text.hasSuffix("s") else { return nil }
        var body = text.dropLast()
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              let seconds = Int64(whole), seconds <= maximumDurationSeconds else { return nil }
        var nanos: Int32 = 0
        if parts.count == 2 {
            guard let fraction = parseFraction(parts[1]) else { return nil }
            nanos = fraction
        }
        return negative ? (-seconds, -nanos) : (seconds, nanos)
    }
}

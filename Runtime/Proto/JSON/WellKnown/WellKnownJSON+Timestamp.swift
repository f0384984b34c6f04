/// Timestamp: an RFC 3339 string, `1972-01-01T10:00:20.021Z`. Output is in UTC with 0, 3, 6
/// or 9 fractional digits; input may carry an offset. Years 0001 to 9999 only.
extension WellKnownJSON {
    static let minimumTimestampSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let maximumTimestampSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

    /// Writes an RFC 3339 string in UTC, `"1972-01-01T10:00:20.021Z"`.
    ///
    /// - Throws: ``JSONEncodingError`` outside 0001-01-01 to 9999-12-31 or with nanos out of range.
    public static func encode(_ timestamp: Google_Protobuf_Timestamp, to writer: inout JSONWriter) throws {
        guard (minimumTimestampSeconds...maximumTimestampSeconds).contains(timestamp.seconds),
              (0...999_999_999).contains(timestamp.nanos) else {
            throw JSONEncodingError("Timestamp \(timestamp.seconds)s \(timestamp.nanos)ns is outside 0001-01-01 to 9999-12-31")
        }
        writer.putString(format(timestamp))
    }

    static func format(_ timestamp: Google_Protobuf_Timestamp) -> String {
        let days = floorDivide(timestamp.seconds, 86_400)
        let secondOfDay = timestamp.seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        var text = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        text += "-" + twoDigits(month) + "-" + twoDigits(day)
        text += "T" + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60) + ":" + twoDigits(secondOfDay % 60)
        appendFraction(timestamp.nanos, to: &text)
        return text + "Z"
    }

    /// Reads an RFC 3339 string, `Z` or an offset such as `+01:00`, up to nine fractional digits.
    public static func decode(_ timestamp: inout Google_Protobuf_Timestamp, from reader: inout JSONReader) throws {
        let start = reader.position
        let text = try reader.readString()
        guard let (seconds, nanos) = parseTimestamp(text) else {
            reader.rewind(to: start)
            throw reader.error("\"\(text)\" is not an RFC 3339 timestamp between 0001-01-01 and 9999-12-31")
        }
        timestamp.seconds = seconds
        timestamp.nanos = nanos
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, uppercase T and Z as RFC 3339's
    /// ABNF writes them.
    static func parseTimestamp(_ text: String) -> (Int64, Int32)? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func at(_ index: Int, _ byte: Character) -> Bool { index < bytes.count && bytes[index] == byte.asciiValue! }
        guard let year = number(0, 4), at(4, "-"), let month = number(5, 2), at(7, "-"), let day = number(8, 2), at(10, "T"),
              let hour = number(11, 2), at(13, ":"), let minute = number(14, 2), at(16, ":"), let second = number(17, 2) else {
            return nil
        }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        var index = 19
        var nanos: Int32 = 0
        if at(index, ".") {
            let fractionStart = index + 1
            index = fractionStart
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard let fraction = parseFraction(Substring(String(decoding: bytes[fractionStart..<index], as: UTF8.self))) else { return nil }
            nanos = fraction
        }
        var offset: Int64 = 0
        if at(index, "Z") {
            index += 1
        } else if at(index, "+") || at(index, "-") {
            let sign: Int64 = at(index, "-") ? -1 : 1
            guard let offsetHours = number(index + 1, 2), at(index + 3, ":"), let offsetMinutes = number(index + 4, 2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard (minimumTimestampSeconds...maximumTimestampSeconds).contains(seconds) else { return nil }
        return (seconds, nanos)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

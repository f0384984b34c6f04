/// How `textFormatString(options:)` writes.
public struct TextFormatEncodingOptions: Sendable, Hashable {
    /// Fields the schema does not know, by number (as `1001: 123`, `1003 { 1: 111 }`).
    public var printUnknownFields = true

    public init() {}
}

/// How `init(textFormatString:options:)` reads.
public struct TextFormatDecodingOptions: Sendable, Hashable {
    /// Nested messages beyond this depth are an error.
    public var messageDepthLimit = 100

    public init() {}
}

/// Text that is not a valid text-format message, saying what and where.
public struct TextFormatDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    public let reason: String
    /// 1-based line and column of the problem.
    public let line: Int
    public let column: Int

    public init(_ reason: String, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String { "invalid text format at line \(line), column \(column): \(reason)" }
}

/// How `textFormatString(options:)` writes.
public struct TextFormatEncodingOptions: Sendable, Hashable {
    /// Fields the schema does not know, by number (as `1001: 123`, `1003 { 1: 111 }`).
    public var printUnknownFields = true

    /// The defaults: unknown fields printed.
    public init() {}
}

/// How `init(textFormatString:options:)` reads.
public struct TextFormatDecodingOptions: Sendable, Hashable {
    /// Nested messages beyond this depth are an error.
    public var messageDepthLimit = 100

    /// The defaults: nesting up to 100.
    public init() {}
}

/// Text that is not a valid text-format message, saying what and where.
public struct TextFormatDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, in words (`expected a decimal number`, `unknown field "nmae"`).
    public let reason: String
    /// 1-based line and column of the problem.
    public let line: Int
    /// 1-based column (in bytes) of the problem.
    public let column: Int

    /// An error for `reason` at `line` and `column`, both 1-based.
    public init(_ reason: String, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// `invalid text format at line L, column C: reason`.
    public var description: String { "invalid text format at line \(line), column \(column): \(reason)" }
}

/// The wrapper types from their values and from literals: `let limit: Google_Protobuf_Int32Value = 10`.
extension Google_Protobuf_DoubleValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: Double) { self.init(); self.value = value }
    /// From a float literal: `let ratio: Google_Protobuf_DoubleValue = 0.5`.
    public init(floatLiteral value: Double) { self.init(value) }
    /// From an integer literal, converted to a double.
    public init(integerLiteral value: Int64) { self.init(Double(value)) }
}

extension Google_Protobuf_FloatValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: Float) { self.init(); self.value = value }
    /// From a float literal.
    public init(floatLiteral value: Float) { self.init(value) }
    /// From an integer literal, converted to a float.
    public init(integerLiteral value: Int32) { self.init(Float(value)) }
}

extension Google_Protobuf_Int64Value: ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: Int64) { self.init(); self.value = value }
    /// From an integer literal: `let offset: Google_Protobuf_Int64Value = -5`.
    public init(integerLiteral value: Int64) { self.init(value) }
}

extension Google_Protobuf_UInt64Value: ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: UInt64) { self.init(); self.value = value }
    /// From an integer literal.
    public init(integerLiteral value: UInt64) { self.init(value) }
}

extension Google_Protobuf_Int32Value: ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: Int32) { self.init(); self.value = value }
    /// From an integer literal: `let limit: Google_Protobuf_Int32Value = 10`.
    public init(integerLiteral value: Int32) { self.init(value) }
}

extension Google_Protobuf_UInt32Value: ExpressibleByIntegerLiteral {
    /// A wrapper holding `value`.
    public init(_ value: UInt32) { self.init(); self.value = value }
    /// From an integer literal.
    public init(integerLiteral value: UInt32) { self.init(value) }
}

extension Google_Protobuf_BoolValue: ExpressibleByBooleanLiteral {
    /// A wrapper holding `value`.
    public init(_ value: Bool) { self.init(); self.value = value }
    /// From `true` or `false`.
    public init(booleanLiteral value: Bool) { self.init(value) }
}

extension Google_Protobuf_StringValue: ExpressibleByStringLiteral {
    /// A wrapper holding `value`.
    public init(_ value: String) { self.init(); self.value = value }
    /// From a string literal.
    public init(stringLiteral value: String) { self.init(value) }
}

extension Google_Protobuf_BytesValue: ExpressibleByArrayLiteral {
    /// A wrapper holding `value`.
    public init(_ value: [UInt8]) { self.init(); self.value = value }
    /// From a list of bytes: `let magic: Google_Protobuf_BytesValue = [0xCA, 0xFE]`.
    public init(arrayLiteral bytes: UInt8...) { self.init(bytes) }
}

/// JSON-like values written as Swift literals:
///
///     let config: Google_Protobuf_Struct = ["name": "demo", "retries": 3, "tags": ["a", "b"], "extra": nil]
extension Google_Protobuf_Struct: ExpressibleByDictionaryLiteral {
    /// Later duplicates of a key replace earlier ones.
    public init(dictionaryLiteral elements: (String, Google_Protobuf_Value)...) {
        self.init()
        for (key, value) in elements { fields[key] = value }
    }

    /// A struct holding `fields`.
    public init(fields: [String: Google_Protobuf_Value]) {
        self.init()
        self.fields = fields
    }

    /// The value of a key; assigning nil removes it.
    public subscript(key: String) -> Google_Protobuf_Value? {
        get { fields[key] }
        set { fields[key] = newValue }
    }
}

extension Google_Protobuf_ListValue: ExpressibleByArrayLiteral {
    /// A list of the literal's values: `let tags: Google_Protobuf_ListValue = ["a", 1, true]`.
    public init(arrayLiteral elements: Google_Protobuf_Value...) {
        self.init(values: elements)
    }

    /// A list holding `values`.
    public init(values: [Google_Protobuf_Value]) {
        self.init()
        self.values = values
    }

    /// The value at `index`, which must be in range, as for an array.
    public subscript(index: Int) -> Google_Protobuf_Value {
        get { values[index] }
        set { values[index] = newValue }
    }
}

extension Google_Protobuf_Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self.init(kind: .nullValue(.nullValue)) }
    /// A bool value.
    public init(booleanLiteral value: Bool) { self.init(boolValue: value) }
    /// A number: JSON numbers are doubles, so integers beyond 2^53 lose precision.
    public init(integerLiteral value: Int64) { self.init(numberValue: Double(value)) }
    /// A number value.
    public init(floatLiteral value: Double) { self.init(numberValue: value) }
    /// A string value.
    public init(stringLiteral value: String) { self.init(stringValue: value) }
    /// A list.
    public init(arrayLiteral elements: Google_Protobuf_Value...) { self.init(listValue: Google_Protobuf_ListValue(values: elements)) }
    /// A struct.
    public init(dictionaryLiteral elements: (String, Google_Protobuf_Value)...) {
        var object = Google_Protobuf_Struct()
        for (key, value) in elements { object.fields[key] = value }
        self.init(structValue: object)
    }

    /// A number value (JSON cannot write NaN or infinity in a Value).
    public init(numberValue: Double) { self.init(kind: .numberValue(numberValue)) }
    /// A string value.
    public init(stringValue: String) { self.init(kind: .stringValue(stringValue)) }
    /// A bool value.
    public init(boolValue: Bool) { self.init(kind: .boolValue(boolValue)) }
    /// An object value.
    public init(structValue: Google_Protobuf_Struct) { self.init(kind: .structValue(structValue)) }
    /// A list value.
    public init(listValue: Google_Protobuf_ListValue) { self.init(kind: .listValue(listValue)) }

    /// A value of the given kind (`.nullValue(.nullValue)` for `null`).
    public init(kind: OneOf_Kind) {
        self.init()
        self.kind = kind
    }
}

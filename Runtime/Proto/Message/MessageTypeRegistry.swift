import Synchronization

/// Message types by full proto name, for what must find a type from its name at run time:
/// an Any's content in JSON and text format. The well-known types are registered from the
/// start; register your own with `Google_Protobuf_Any.register(messageType:)`.
enum MessageTypeRegistry {
    private static let types = Mutex<[String: any Message.Type]>(Dictionary(uniqueKeysWithValues: wellKnownTypes.map {
        ($0.protoMessageName, $0)
    }))

    private static let wellKnownTypes: [any Message.Type] = [
        Google_Protobuf_Any.self, Google_Protobuf_Duration.self, Google_Protobuf_Empty.self, Google_Protobuf_FieldMask.self,
        Google_Protobuf_Struct.self, Google_Protobuf_Value.self, Google_Protobuf_ListValue.self, Google_Protobuf_Timestamp.self,
        Google_Protobuf_DoubleValue.self, Google_Protobuf_FloatValue.self, Google_Protobuf_Int64Value.self,
        Google_Protobuf_UInt64Value.self, Google_Protobuf_Int32Value.self, Google_Protobuf_UInt32Value.self,
        Google_Protobuf_BoolValue.self, Google_Protobuf_StringValue.self, Google_Protobuf_BytesValue.self,
        Google_Protobuf_Api.self, Google_Protobuf_Method.self, Google_Protobuf_Mixin.self, Google_Protobuf_SourceContext.self,
        Google_Protobuf_Type.self, Google_Protobuf_Field.self, Google_Protobuf_Enum.self, Google_Protobuf_EnumValue.self,
        Google_Protobuf_Option.self,
    ]

    /// False when another type already has that name.
    static func register(_ type: any Message.Type) -> Bool {
        types.withLock { types in
            if let existing = types[type.protoMessageName] { return existing == type }
            types[type.protoMessageName] = type
            return true
        }
    }

    static func type(named name: String) -> (any Message.Type)? {
        types.withLock { $0[name] }
    }

    /// The type a type URL names (`type.googleapis.com/pkg.Message`: the part after the last `/`).
    static func type(forTypeURL url: String) -> (any Message.Type)? {
        guard let slash = url.lastIndex(of: "/") else { return nil }
        return type(named: String(url[url.index(after: slash)...]))
    }
}

extension Google_Protobuf_Any {
    /// Makes `type` known to JSON and text format when they meet it inside an Any. Returns
    /// false when a different type is registered under the same name.
    @discardableResult
    public static func register(messageType: any Message.Type) -> Bool {
        MessageTypeRegistry.register(messageType)
    }

    /// The registered type of a type URL, if any.
    public static func messageType(forTypeURL url: String) -> (any Message.Type)? {
        MessageTypeRegistry.type(forTypeURL: url)
    }
}

import Foundation
import SwiftProto

/// `Data` where the runtime uses `[UInt8]`: binary and JSON encodings, bytes wrappers and Any.
extension Message {
    public init(serializedData data: Data, extensions: (any ExtensionMap)? = nil, partial: Bool = false) throws {
        try self.init(serializedBytes: [UInt8](data), extensions: extensions, partial: partial)
    }

    public func serializedData(partial: Bool = false) throws -> Data {
        Data(try serializedBytes(partial: partial))
    }

    public init(jsonUTF8Data data: Data, extensions: (any ExtensionMap)? = nil,
                options: JSONDecodingOptions = JSONDecodingOptions()) throws {
        try self.init(jsonUTF8Bytes: [UInt8](data), extensions: extensions, options: options)
    }

    public func jsonUTF8Data(options: JSONEncodingOptions = JSONEncodingOptions()) throws -> Data {
        Data(try jsonUTF8Bytes(options: options))
    }
}

extension Google_Protobuf_BytesValue {
    public init(_ data: Data) {
        self.init([UInt8](data))
    }
}

extension Google_Protobuf_Any {
    /// The packed message's bytes as `Data`.
    public var valueData: Data {
        get { Data(value) }
        set { value = [UInt8](newValue) }
    }
}

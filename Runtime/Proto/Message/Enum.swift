/// A generated protobuf enum. Open (proto3) enums carry unknown values in an
/// `UNRECOGNIZED(Int)` case; closed (proto2) enums answer nil from `init?(rawValue:)` instead.
public protocol Enum: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == Int {
    /// The enum's default: the value numbered 0 (proto3) or the first declared (proto2).
    init()

    /// The value's name in the .proto file; nil for an unrecognised number.
    var protoName: String? { get }

    /// The value a .proto name (or alias) stands for; nil for a name the enum does not have.
    init?(protoName: String)
}

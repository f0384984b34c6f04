/// A Swift enum for a proto enum. Open enums add `UNRECOGNIZED(Int)`; closed ones answer nil
/// from `init?(rawValue:)` so the decoder can keep unknown numbers as unknown fields.
struct EnumEmitter {
    let protoEnum: ProtoEnum
    let access: String

    func emit(_ p: inout CodePrinter) {
        let comments = protoEnum.file.comments
        p.docComment(protoEnum.comment, deprecated: protoEnum.isDeprecated)
        p.deprecation(protoEnum.isDeprecated)
        p.block("\(access)enum \(protoEnum.declaredName): SwiftProto.Enum") { p in
            p.line("/// The values' numbers in the .proto file.")
            p.line("\(access)typealias RawValue = Int")
            for value in protoEnum.cases {
                p.docComment(comments.text(at: value.path), deprecated: value.isDeprecated)
                p.deprecation(value.isDeprecated)
                p.line("case \(Namer.quoted(value.swiftName)) // = \(value.number)")
            }
            if !protoEnum.isClosed {
                p.line("/// A number this version of the enum does not name, kept so that it is written back.")
                p.line("case UNRECOGNIZED(Int)")
            }
            p.line()
            for alias in protoEnum.aliases {
                p.docComment(comments.text(at: alias.path), deprecated: alias.isDeprecated)
                p.deprecation(alias.isDeprecated)
                let target = protoEnum.case(number: alias.number)
                // An alias that is deprecated itself may name a deprecated case.
                let value = alias.isDeprecated ? "." + Namer.quoted(target.swiftName) : make(target)
                p.line("\(access)static let \(Namer.quoted(alias.swiftName)) = \(protoEnum.declaredName)\(value)")
            }
            if !protoEnum.aliases.isEmpty { p.line() }
            p.line("/// The enum's default: its first value.")
            p.line("\(access)init() { self = \(make(protoEnum.defaultCase)) }")
            p.line()
            p.line(protoEnum.isClosed ? "/// The value with this number; nil for a number the enum does not name."
                                      : "/// The value with this number; a number the enum does not name is UNRECOGNIZED.")
            p.block("\(access)init?(rawValue: Int)") { p in
                p.switchBlock("switch rawValue") { p in
                    for value in protoEnum.cases {
                        p.line("case \(value.number): self = \(make(value))")
                    }
                    p.line(protoEnum.isClosed ? "default: return nil" : "default: self = .UNRECOGNIZED(rawValue)")
                }
            }
            p.line()
            // Matching a deprecated case is no use of it: the switches below name every case.
            p.line("/// The value's number in the .proto file.")
            p.block("\(access)var rawValue: Int") { p in
                p.switchBlock("switch self") { p in
                    for value in protoEnum.cases {
                        p.line("case .\(Namer.quoted(value.swiftName)): return \(value.number)")
                    }
                    if !protoEnum.isClosed {
                        p.line("case .UNRECOGNIZED(let value): return value")
                    }
                }
            }
            p.line()
            p.line("/// The value's name in the .proto file\(protoEnum.isClosed ? "" : "; nil for UNRECOGNIZED").")
            p.block("\(access)var protoName: String?") { p in
                p.switchBlock("switch self") { p in
                    for value in protoEnum.cases {
                        p.line("case .\(Namer.quoted(value.swiftName)): return \"\(value.protoName)\"")
                    }
                    if !protoEnum.isClosed {
                        p.line("case .UNRECOGNIZED: return nil")
                    }
                }
            }
            p.line()
            p.line("/// The value with this name in the .proto file (aliases too); nil for another name.")
            p.block("\(access)init?(protoName: String)") { p in
                p.switchBlock("switch protoName") { p in
                    for value in protoEnum.descriptor.value {
                        p.line("case \(JSONEmitter.literal(value.name)): self = \(make(protoEnum.case(number: value.number)))")
                    }
                    p.line("default: return nil")
                }
            }
            p.line()
            let all = protoEnum.cases.map(make).joined(separator: ", ")
            p.line("/// Every value the enum names, in the order of the .proto file (aliases left out).")
            p.line("\(access)static let allCases: [\(protoEnum.declaredName)] = [\(all)]")
        }
        p.line()
        if protoEnum.fullName == ".google.protobuf.NullValue" {
            p.line("extension \(protoEnum.swiftName): SwiftProto.JSONNullEnum {}")
            p.line()
        }
    }

    /// The enum's own code making a case: `.name`, or for a deprecated case outside a
    /// deprecated scope, through the file's deprecated-case requirement (DeprecationEmitter).
    private func make(_ value: ProtoEnum.Case) -> String {
        guard value.isDeprecated && !protoEnum.inDeprecatedScope else { return "." + Namer.quoted(value.swiftName) }
        return ".\(DeprecationEmitter.makeCase)(\(value.number))"
    }
}

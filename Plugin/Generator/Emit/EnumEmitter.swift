/// A Swift enum for a proto enum. Open enums add `UNRECOGNIZED(Int)`; closed ones answer nil
/// from `init?(rawValue:)` so the decoder can keep unknown numbers as unknown fields.
struct EnumEmitter {
    let protoEnum: ProtoEnum
    let access: String

    func emit(_ p: inout CodePrinter) {
        let comments = protoEnum.file.comments
        p.docComment(protoEnum.comment, deprecated: protoEnum.isDeprecated)
        p.block("\(access)enum \(protoEnum.declaredName): SwiftProto.Enum") { p in
            p.line("\(access)typealias RawValue = Int")
            for value in protoEnum.cases {
                p.docComment(comments.text(at: value.path), deprecated: value.isDeprecated)
                p.line("case \(Namer.quoted(value.swiftName)) // = \(value.number)")
            }
            if !protoEnum.isClosed {
                p.line("case UNRECOGNIZED(Int)")
            }
            p.line()
            for alias in protoEnum.aliases {
                p.docComment(comments.text(at: alias.path), deprecated: alias.isDeprecated)
                p.line("\(access)static let \(Namer.quoted(alias.swiftName)) = \(protoEnum.declaredName).\(Namer.quoted(alias.aliasOf!))")
            }
            if !protoEnum.aliases.isEmpty { p.line() }
            p.line("\(access)init() { self = .\(Namer.quoted(protoEnum.defaultCase.swiftName)) }")
            p.line()
            p.block("\(access)init?(rawValue: Int)") { p in
                p.switchBlock("switch rawValue") { p in
                    for value in protoEnum.cases {
                        p.line("case \(value.number): self = .\(Namer.quoted(value.swiftName))")
                    }
                    p.line(protoEnum.isClosed ? "default: return nil" : "default: self = .UNRECOGNIZED(rawValue)")
                }
            }
            p.line()
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
            p.block("\(access)init?(protoName: String)") { p in
                p.switchBlock("switch protoName") { p in
                    for value in protoEnum.descriptor.value {
                        let swiftCase = protoEnum.swiftCase(number: value.number)
                        p.line("case \(JSONEmitter.literal(value.name)): self = .\(Namer.quoted(swiftCase))")
                    }
                    p.line("default: return nil")
                }
            }
            p.line()
            let all = protoEnum.cases.map { "." + Namer.quoted($0.swiftName) }.joined(separator: ", ")
            p.line("\(access)static let allCases: [\(protoEnum.declaredName)] = [\(all)]")
        }
        p.line()
        if protoEnum.fullName == ".google.protobuf.NullValue" {
            p.line("extension \(protoEnum.swiftName): SwiftProto.JSONNullEnum {}")
            p.line()
        }
    }
}

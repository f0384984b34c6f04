/// Deprecated declarations, and the code that must name them without a warning. Swift warns
/// wherever a deprecated declaration is named outside another deprecated one, and generated
/// code has to name some from code that is not: an enum makes its deprecated cases in its own
/// initialisers, the file's descriptor lists its deprecated messages. It reaches them through
/// a fileprivate protocol whose requirement is not deprecated but whose witnesses are, which
/// Swift lets code call without a warning. The warning stays with code that names them.
struct DeprecationEmitter {
    let file: ProtoFile

    /// `._deprecated(1)`, which makes case 1 of the enum it is called on.
    static let makeCase = "_deprecated"

    func emit(_ p: inout CodePrinter) {
        emitCaseMaking(&p)
        emitMessageTypes(&p)
    }

    // MARK: Enum cases

    private var casesProtocol: String { file.fileScopedName(suffix: "DeprecatedCases") }

    /// Enums whose own code makes deprecated cases (a deprecated enum, or one in a deprecated
    /// message, is a deprecated scope and names them directly).
    private var enumsMakingDeprecatedCases: [ProtoEnum] {
        var all = file.enums
        func collect(_ message: ProtoMessage) {
            all += message.enums
            message.messages.forEach(collect)
        }
        file.messages.forEach(collect)
        return all.filter { !$0.inDeprecatedScope && $0.cases.contains(where: \.isDeprecated) }
    }

    private func emitCaseMaking(_ p: inout CodePrinter) {
        let enums = enumsMakingDeprecatedCases
        guard !enums.isEmpty else { return }
        p.line("/// Makes deprecated cases for the enums' own code (see DeprecationEmitter in the plugin).")
        p.block("fileprivate protocol \(casesProtocol)") { p in
            p.line("init?(_deprecatedRawValue: Int)")
        }
        p.line()
        p.block("extension \(casesProtocol)") { p in
            p.line("fileprivate static func \(Self.makeCase)(_ rawValue: Int) -> Self { Self(_deprecatedRawValue: rawValue)! }")
        }
        p.line()
        for protoEnum in enums {
            p.block("extension \(protoEnum.swiftName): \(casesProtocol)") { p in
                p.deprecation(true)
                p.block("fileprivate init?(_deprecatedRawValue rawValue: Int)") { p in
                    p.switchBlock("switch rawValue") { p in
                        for value in protoEnum.cases where value.isDeprecated {
                            p.line("case \(value.number): self = .\(Namer.quoted(value.swiftName))")
                        }
                        p.line("default: return nil")
                    }
                }
            }
            p.line()
        }
    }

    // MARK: Message types

    private var messageTypesProtocol: String { file.fileScopedName(suffix: "DeprecatedMessageTypes") }
    private var messageTypesList: String { file.fileScopedName(suffix: "DeprecatedMessages") }

    /// Messages named only from deprecated code: deprecated ones and those nested in them.
    private var deprecatedMessages: [ProtoMessage] {
        file.allMessages.filter(\.inDeprecatedScope)
    }

    /// What the descriptor's `messageTypes` adds for the deprecated messages; nil when there are none.
    var messageTypesExpression: String? {
        guard !deprecatedMessages.isEmpty else { return nil }
        return "(\(messageTypesList).self as any \(messageTypesProtocol).Type).messageTypes"
    }

    private func emitMessageTypes(_ p: inout CodePrinter) {
        let messages = deprecatedMessages
        guard !messages.isEmpty else { return }
        p.line("/// Lists the deprecated messages for the file's descriptor (see DeprecationEmitter in the plugin).")
        p.block("fileprivate protocol \(messageTypesProtocol)") { p in
            p.line("static var messageTypes: [any SwiftProto.Message.Type] { get }")
        }
        p.line()
        p.block("fileprivate enum \(messageTypesList): \(messageTypesProtocol)") { p in
            p.deprecation(true)
            let types = messages.map { "\($0.swiftName).self" }.joined(separator: ", ")
            p.line("static var messageTypes: [any SwiftProto.Message.Type] { [\(types)] }")
        }
        p.line()
    }
}

extension CodePrinter {
    /// The attribute on a declaration the .proto marks deprecated, so that code using it is warned.
    mutating func deprecation(_ isDeprecated: Bool) {
        if isDeprecated { line("@available(*, deprecated, message: \"deprecated in the .proto file\")") }
    }
}

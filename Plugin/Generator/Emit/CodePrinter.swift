/// Accumulates indented Swift source.
struct CodePrinter {
    private(set) var content = ""
    private var indentation = ""

    mutating func line(_ text: String = "") {
        content += text.isEmpty ? "\n" : indentation + text + "\n"
    }

    /// `header {`, the body indented, `}`.
    mutating func block(_ header: String, _ body: (inout CodePrinter) -> Void) {
        line(header + " {")
        indent()
        body(&self)
        outdent()
        line("}")
    }

    /// `call { parameters in`, the body indented, `}`.
    mutating func closure(_ call: String, _ parameters: String, _ body: (inout CodePrinter) -> Void) {
        line(call + " { " + parameters + " in")
        indent()
        body(&self)
        outdent()
        line("}")
    }

    /// A switch: cases stay at the switch's own indentation, as Swift style has them.
    mutating func switchBlock(_ header: String, _ body: (inout CodePrinter) -> Void) {
        line(header + " {")
        body(&self)
        line("}")
    }

    mutating func indent() { indentation += "    " }
    mutating func outdent() { indentation.removeLast(4) }

    /// A .proto comment as `///` lines, with its trailing blank line dropped.
    mutating func docComment(_ text: String?, deprecated: Bool = false) {
        if let text {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while lines.last?.isBlank == true { lines.removeLast() }
            for commentLine in lines {
                // Comments are usually written "// text"; keep one space after ///.
                var body = commentLine.hasPrefix(" ") ? commentLine.dropFirst() : commentLine[...]
                while body.last == " " || body.last == "\t" { body.removeLast() }
                line(body.isEmpty ? "///" : "/// " + body)
            }
        }
        if deprecated {
            if text != nil { line("///") }
            line("/// NOTE: This element was marked as deprecated in the .proto file.")
        }
    }
}

extension String {
    var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" } }
}

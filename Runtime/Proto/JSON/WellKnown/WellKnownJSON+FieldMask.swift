/// FieldMask: one string of comma-separated paths, each in lowerCamelCase (`"fooBar,baz.qux"`
/// for `foo_bar`, `baz.qux`). A path that would not come back the same is an error either way.
extension WellKnownJSON {
    /// Writes the paths in lowerCamelCase, joined by commas.
    ///
    /// - Throws: ``JSONEncodingError`` for a path that is not lowercase snake_case.
    public static func encode(_ mask: Google_Protobuf_FieldMask, to writer: inout JSONWriter) throws {
        var camel: [String] = []
        for path in mask.paths {
            guard let json = jsonPath(path) else {
                throw JSONEncodingError("FieldMask path \"\(path)\" has no JSON form (it must be lowercase snake_case)")
            }
            camel.append(json)
        }
        writer.putString(camel.joined(separator: ","))
    }

    /// Reads comma-separated lowerCamelCase paths back into snake_case.
    public static func decode(_ mask: inout Google_Protobuf_FieldMask, from reader: inout JSONReader) throws {
        let start = reader.position
        let text = try reader.readString()
        var paths: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let path = protoPath(part) else {
                reader.rewind(to: start)
                throw reader.error("FieldMask path \"\(part)\" is not lowerCamelCase")
            }
            paths.append(path)
        }
        mask.paths = paths
    }

    /// `foo_bar.baz` → `fooBar.baz`; nil when a `_` is not followed by a lowercase letter or
    /// the path holds an uppercase letter (those would not convert back).
    static func jsonPath(_ path: String) -> String? {
        var out = ""
        var upperNext = false
        for character in path {
            if character == "_" {
                guard !upperNext else { return nil }
                upperNext = true
                continue
            }
            if character.isUppercase { return nil }
            if upperNext {
                guard character.isLowercase else { return nil }
                out += character.uppercased()
                upperNext = false
            } else {
                out.append(character)
            }
        }
        return upperNext ? nil : out
    }

    /// `fooBar.baz` → `foo_bar.baz`; nil for a path with `_` in it.
    static func protoPath(_ json: Substring) -> String? {
        var out = ""
        for character in json {
            if character == "_" { return nil }
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

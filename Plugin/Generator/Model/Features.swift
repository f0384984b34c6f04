/// The core features of protobuf editions resolved for one element: the edition's defaults,
/// then what the file, each enclosing message (or oneof) and the element itself set, each
/// overriding the one before. proto2 and proto3 files resolve to the features they stand for
/// (plus what `required`, groups and `[packed]` imply), so one set of rules serves all three.
struct Features {
    typealias FeatureSet = Google_Protobuf_FeatureSet

    var fieldPresence: FeatureSet.FieldPresence
    var enumType: FeatureSet.EnumType
    var repeatedFieldEncoding: FeatureSet.RepeatedFieldEncoding
    var utf8Validation: FeatureSet.Utf8Validation
    var messageEncoding: FeatureSet.MessageEncoding
    var jsonFormat: FeatureSet.JsonFormat

    /// The editions the plugin declares (FEATURE_SUPPORTS_EDITIONS): every one this table knows.
    static let minimumEdition = Google_Protobuf_Edition.proto2
    static let maximumEdition = Google_Protobuf_Edition.edition2024

    /// descriptor.proto's `edition_defaults` for each edition (PROTO2 is the LEGACY row).
    static func defaults(for edition: Google_Protobuf_Edition) -> Features {
        switch edition {
        case .proto2, .legacy:
            return Features(fieldPresence: .explicit, enumType: .closed, repeatedFieldEncoding: .expanded,
                            utf8Validation: .none, messageEncoding: .lengthPrefixed, jsonFormat: .legacyBestEffort)
        case .proto3:
            return Features(fieldPresence: .implicit, enumType: .open, repeatedFieldEncoding: .packed,
                            utf8Validation: .verify, messageEncoding: .lengthPrefixed, jsonFormat: .allow)
        default:
            // 2023 and 2024 agree on every core feature that affects generated code.
            return Features(fieldPresence: .explicit, enumType: .open, repeatedFieldEncoding: .packed,
                            utf8Validation: .verify, messageEncoding: .lengthPrefixed, jsonFormat: .allow)
        }
    }

    /// Self with what `set` sets on top.
    func merging(_ set: FeatureSet) -> Features {
        var merged = self
        if set.hasFieldPresence { merged.fieldPresence = set.fieldPresence }
        if set.hasEnumType { merged.enumType = set.enumType }
        if set.hasRepeatedFieldEncoding { merged.repeatedFieldEncoding = set.repeatedFieldEncoding }
        if set.hasUtf8Validation { merged.utf8Validation = set.utf8Validation }
        if set.hasMessageEncoding { merged.messageEncoding = set.messageEncoding }
        if set.hasJsonFormat { merged.jsonFormat = set.jsonFormat }
        return merged
    }

    /// A field's features: its parent's, with what the field sets, and for proto2 and proto3
    /// what their syntax implies (`required`, groups, `[packed]`).
    func resolved(for field: Google_Protobuf_FieldDescriptorProto, edition: Google_Protobuf_Edition) -> Features {
        var features = merging(field.options.features)
        if edition == .proto2 || edition == .proto3 {
            if field.label == .required { features.fieldPresence = .legacyRequired }
            if field.type == .group { features.messageEncoding = .delimited }
            if field.options.hasPacked {
                features.repeatedFieldEncoding = field.options.packed ? .packed : .expanded
            }
        }
        return features
    }
}

extension Google_Protobuf_FileDescriptorProto {
    /// The file's edition: the `edition` of an editions file, else what its syntax stands for.
    var resolvedEdition: Google_Protobuf_Edition {
        if hasEdition { return edition }
        return syntax == "proto3" ? .proto3 : .proto2
    }
}
